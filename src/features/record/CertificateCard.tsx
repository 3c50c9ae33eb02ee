import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { CertificateDto } from '@core/contracts/record';
import { fmtDate } from '@core/format';
import { Card, StatusTag, type Tone } from '../../components';

const STATUS: Record<CertificateDto['status'], { text: string; tone: Tone }> = {
  requested: { text: '待出具', tone: 'warning' },
  issued: { text: '有效', tone: 'success' },
  revoked: { text: '已撤销', tone: 'danger' },
  declined: { text: '未出具', tone: 'muted' },
};

/** One 服务证明: period, hours, number and state; actions below. */
export function CertificateCard({ c, showName, children }: { c: CertificateDto; showName?: boolean; children?: ReactNode }) {
  const s = STATUS[c.status];
  return (
    <Card title={showName ? c.name : `${c.from} 至 ${c.to}`} extra={<StatusTag tone={s.tone} text={s.text} />}>
      {showName && <Text className='rec-detail'>期间 {c.from} 至 {c.to}</Text>}
      {c.number && <Text className='rec-title'>编号 {c.number}</Text>}
      <Text className='rec-detail'>
        {c.communityName}
        {c.status !== 'requested' ? ` · 服务 ${c.tasks} 次 · ${Math.round((c.minutes / 60) * 10) / 10} 小时` : ''} · 申请于 {fmtDate(c.requestedAt)}
        {c.issuedAt ? ` · 出具于 ${fmtDate(c.issuedAt)}` : ''}
      </Text>
      {c.revokeReason && <Text className='rec-status rec-status--bad'>撤销原因：{c.revokeReason}</Text>}
      {children && <View className='rf-btn-row'>{children}</View>}
    </Card>
  );
}
