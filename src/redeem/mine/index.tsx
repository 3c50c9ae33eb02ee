import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { RedemptionDto } from '@core/contracts/redeem';
import { api, useAction, usePagedList, useQuery } from '../../api';
import { ListFooter, PageState, Tabs, confirm } from '../../components';
import { RedemptionCard } from '../../features/redeem/RedemptionCard';
import '../../features/redeem/redeem.scss';

type Tab = 'open' | 'all';

/** 我的兑换: open codes first (QR + 8 digits to show at the counter, cancel with a refund), then all. */
export default function MyRedemptions() {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const [tab, setTab] = useState<Tab>('open');
  const [shown, setShown] = useState<string | null>(params.show ?? null);
  const list = usePagedList<RedemptionDto>((page) => api.redeem.mine({ page, pageSize: 20, ...(tab === 'open' ? { status: 'open' as const } : {}) }), [tab]);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  const cancel = useAction(async (r: RedemptionDto) => {
    if (!(await confirm({ title: `取消兑换「${r.itemTitle}」？`, content: `${r.price} 可兑换分将退回，物品放回库存。` }))) return null;
    return api.redeem.cancel({ id: r.id });
  }, { success: '已取消，积分已退回', onSuccess: (res) => { if (res) { setShown(null); void list.reload(); } } });

  return (
    <View className='sbd-page'>
      <Tabs tabs={[{ value: 'open', label: '待领取' }, { value: 'all', label: '全部' }]} value={tab} onChange={setTab} />
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0}
        emptyText={tab === 'open' ? '没有待领取的兑换' : '还没有兑换过'} emptyHint='在积分商城用可兑换分兑换爱心超市物品或荣誉'>
        {list.items.map((r) => (
          <RedemptionCard key={r.id} r={r}>
            {r.status === 'open' && (shown === r.id ? <CodeView id={r.id} /> : null)}
            {r.status === 'open' && (
              <View className='rd-actions'>
                <Button className='rd-btn rd-btn--ghost' disabled={cancel.loading} onClick={() => void cancel.run(r)}>取消兑换</Button>
                {shown !== r.id && <Button className='rd-btn' onClick={() => setShown(r.id)}>出示兑换码</Button>}
              </View>
            )}
          </RedemptionCard>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}

/** The one-time code: QR for the admin's scan, the digits for typing in. */
function CodeView({ id }: { id: string }) {
  const q = useQuery(() => api.redeem.showCode({ id }), [id]);
  return (
    <PageState loading={q.loading} rows={2} error={q.error} onRetry={q.reload}>
      {q.data && (
        <View className='rd-code'>
          <Image className='rd-code__img' src={q.data.dataUrl} mode='aspectFit' />
          <Text className='rd-code__digits' selectable>{q.data.redemption.code.replace(/(\d{4})(\d{4})/, '$1 $2')}</Text>
          <Text className='rd-code__hint'>到社区领取时出示，由社区管理员扫码或输入兑换码核销；一码一次有效</Text>
        </View>
      )}
    </PageState>
  );
}
