import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef } from 'react';
import { redeemKindLabel, type ItemDto } from '@core/contracts/redeem';
import { fmtDate } from '@core/format';
import { api, useAction, usePagedList, useQuery, useRequestId } from '../../api';
import { Card, ListFooter, PageState, Stats, StatusTag, confirm } from '../../components';
import '../../features/redeem/redeem.scss';

/**
 * 积分商城: my 考核分 (never spent) and 可兑换分, the community's catalogue; redeeming asks first,
 * then opens 我的兑换 with the code to show at the counter.
 */
export default function Mall() {
  const summary = useQuery(() => api.redeem.summary({}), []);
  const list = usePagedList<ItemDto>((page) => api.redeem.catalogue({ page, pageSize: 20 }), []);
  const rid = useRequestId();
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) { shown.current = true; return; }
    void summary.reload(); void list.reload();
  });
  usePullDownRefresh(() => void Promise.all([summary.reload(), list.reload()]).then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());

  const redeem = useAction(async (item: ItemDto) => {
    const ok = await confirm({ title: `兑换「${item.title}」？`, content: `将使用 ${item.price} 可兑换分（考核分不变）。领取前可取消，积分退回。`, confirmText: '兑换', danger: false });
    if (!ok) return null;
    const res = await api.redeem.redeem({ itemId: item.id, requestId: rid.current });
    rid.renew();
    return res;
  }, {
    onSuccess: (res) => {
      if (!res) return;
      void Taro.navigateTo({ url: `/redeem/mine/index?show=${res.redemption.id}` });
    },
  });

  const s = summary.data;
  const off = (item: ItemDto) => !!item.block || !s || s.spendable < item.price;
  const expiring = s?.parts.length && s.parts.length > 1 ? s.parts[0] : null;
  return (
    <View className='sbd-page'>
      <PageState loading={summary.loading} rows={1} error={summary.error} onRetry={summary.reload}>
        {s && (
          <Card>
            <Stats items={[{ label: `${s.year} 考核分`, value: s.assessed }, { label: '可兑换分', value: s.spendable }]} />
            <Text className='rd-line rd-line--muted'>可兑换分由生效积分按 1:{s.ratio} 累积，兑换不减少考核分和服务时长。</Text>
            {expiring && <Text className='rd-line rd-line--muted'>其中 {expiring.spendable} 分将于 {fmtDate(new Date(Date.parse(expiring.expiresAt) - 1).toISOString())} 后到期</Text>}
          </Card>
        )}
      </PageState>
      <View className='rd-links'>
        <Text className='rd-link' onClick={() => void Taro.navigateTo({ url: '/redeem/mine/index' })}>我的兑换 ›</Text>
      </View>
      {s?.materialOff && <Text className='rd-note'>本区已关闭实物兑换，仅可兑换荣誉类项目。</Text>}
      <PageState
        loading={list.loading}
        error={list.error}
        onRetry={list.reload}
        empty={list.items.length === 0}
        emptyText={s && !s.communityId ? '尚未报到到社区' : '社区暂未上架兑换品'}
        emptyHint={s && !s.communityId ? '到居住地社区报到后，可兑换本社区的爱心超市物品和荣誉' : '社区上架爱心超市物品或荣誉后会显示在这里'}
      >
        {list.items.map((item) => (
          <ItemCard key={item.id} item={item} off={off(item)} busy={redeem.loading} short={!!s && s.spendable < item.price} onRedeem={() => void redeem.run(item)} />
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}

/** one item of the catalogue: price, stock, my count, and 兑换 (or why not: the server's reason, 积分不足) */
function ItemCard({ item, off, busy, short, onRedeem }: { item: ItemDto; off: boolean; busy: boolean; short: boolean; onRedeem: () => void }) {
  return (
    <Card title={item.title} extra={<StatusTag tone={item.kind === 'honour' ? 'primary' : 'info'} text={redeemKindLabel[item.kind]} />}>
      {item.description && <Text className='rd-line'>{item.description}</Text>}
      <Text className='rd-line'><Text className='rd-price'>{item.price}</Text> 可兑换分</Text>
      <Text className={`rd-line${item.stock > 0 && item.stock <= 2 ? ' rd-line--warn' : ' rd-line--muted'}`}>
        {item.stock > 0 ? `剩 ${item.stock} 件` : '已兑完'}{item.perMemberLimit > 0 ? ` · 每人限 ${item.perMemberLimit} 件` : ''} · {fmtDate(item.validTo)} 截止
      </Text>
      {item.held > 0 && <Text className='rd-line rd-line--muted'>我已兑换 {item.held} 件</Text>}
      <View className='rd-actions'>
        <Button className={`rd-btn${off ? ' rd-btn--off' : ''}`} disabled={off || busy} onClick={onRedeem}>
          {item.block ?? (short ? '积分不足' : '兑换')}
        </Button>
      </View>
    </Card>
  );
}
