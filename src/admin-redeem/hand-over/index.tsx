import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { RedemptionDto } from '@core/contracts/redeem';
import { codeFromScan } from '@core/domain/redeem';
import { api, useAction } from '../../api';
import { Card, Field, confirm } from '../../components';
import { RedemptionCard } from '../../features/redeem/RedemptionCard';
import { canScan, scanCode } from '../../features/redeem/scan';
import '../../features/redeem/redeem.scss';

/**
 * 核销: scan the member's QR (weapp) or type the 8 digits, see what it stands for, then hand the
 * item over — once; a used or cancelled code says so.
 */
export default function HandOver() {
  const initial = Taro.getCurrentInstance().router?.params.code ?? '';
  const [text, setText] = useState(initial);
  const [error, setError] = useState('');
  const [found, setFound] = useState<RedemptionDto | null>(null);
  const look = useAction(async (raw: string) => {
    const code = codeFromScan(raw);
    if (!code) { setError('兑换码是 8 位数字，请核对后重新输入'); return null; }
    setError('');
    return api.redeem.lookup({ code });
  }, { onSuccess: (r) => setFound(r?.redemption ?? null) });
  useEffect(() => { if (initial) void look.run(initial); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const hand = useAction(async () => {
    if (!found) return null;
    if (!(await confirm({ title: '确认已交付？', content: `把「${found.itemTitle}」交给 ${found.memberName}。核销后兑换码作废，不能撤销。`, confirmText: '已交付', danger: false }))) return null;
    return api.redeem.handOver({ code: found.code });
  }, { success: '已核销', onSuccess: (r) => { if (r) setFound(r.redemption); } });
  const scan = async () => {
    const t = await scanCode();
    if (t) { setText(t); void look.run(t); }
  };

  return (
    <View className='sbd-page'>
      <Card title='核销兑换码'>
        {canScan && <Button className='rd-btn' onClick={() => void scan()}>扫一扫党员的兑换码</Button>}
        <Text className='rd-line rd-line--muted'>{canScan ? '或输入兑换码下方的 8 位数字' : '输入党员兑换码下方的 8 位数字'}</Text>
        <Field title='兑换码' type='number' maxlength={9} value={text} placeholder='8 位数字' error={error} onInput={(v) => { setText(v); setError(''); }} onConfirm={() => void look.run(text)} />
        <View className='rd-actions'>
          <Button className='rd-btn rd-btn--ghost' disabled={look.loading} onClick={() => void look.run(text)}>查询</Button>
        </View>
      </Card>
      {found && (
        <RedemptionCard r={found} who>
          {found.status === 'open' && (
            <View className='rd-actions'>
              <Button className='rd-btn' disabled={hand.loading} onClick={() => void hand.run()}>确认交付</Button>
            </View>
          )}
        </RedemptionCard>
      )}
    </View>
  );
}
