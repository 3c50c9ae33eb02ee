import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { redeemKindLabel, redemptionStatusLabel, type RedemptionDto } from '@core/contracts/redeem';
import { fmtDate, fmtDateTime } from '@core/format';
import { Card, StatusTag, type Tone } from '../../components';

export const redemptionTone: Record<RedemptionDto['status'], Tone> = { open: 'warning', handed: 'success', cancelled: 'muted' };

/** One redemption: item, points, status and its times; `children` for the code or buttons. */
export function RedemptionCard({ r, who, children, onClick }: { r: RedemptionDto; who?: boolean; children?: ReactNode; onClick?: () => void }) {
  return (
    <Card onClick={onClick} title={r.itemTitle} extra={<StatusTag tone={redemptionTone[r.status]} text={redemptionStatusLabel[r.status]} />}>
      <Text className='rd-line'>{redeemKindLabel[r.kind]} · {r.price} 可兑换分{who ? ` · ${r.memberName}` : ''}</Text>
      <Text className='rd-line rd-line--muted'>兑换于 {fmtDateTime(r.createdAt)}</Text>
      {r.status === 'open' && <Text className='rd-line rd-line--muted'>请在 {fmtDate(r.expiresAt)} 前到社区领取，逾期自动取消并退回积分</Text>}
      {r.status === 'handed' && <Text className='rd-line rd-line--muted'>领取于 {fmtDateTime(r.handedAt)}</Text>}
      {r.status === 'cancelled' && <Text className='rd-line rd-line--muted'>取消于 {fmtDateTime(r.cancelledAt)}{r.cancelReason ? `：${r.cancelReason}` : ''} · 积分已退回</Text>}
      {children}
    </Card>
  );
}
