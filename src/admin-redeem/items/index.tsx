import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { redeemKindLabel, redemptionStatusLabel, type ItemDto, type RedemptionDto, type RedemptionStatusDto } from '@core/contracts/redeem';
import { fmtDate } from '@core/format';
import { api, usePagedList } from '../../api';
import { Card, Chips, ListFooter, PageState, StatusTag, Tabs } from '../../components';
import { RedemptionCard } from '../../features/redeem/RedemptionCard';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/redeem/redeem.scss';

type Tab = 'items' | 'redemptions';

/** Community admin: the catalogue (上架 / 下架, stock) and the redemptions; 核销 and 新增 from here. */
export default function RedeemItems() {
  const community = useAdminCommunity();
  const cid = community.communityId;
  const [tab, setTab] = useState<Tab>('items');
  const [status, setStatus] = useState<RedemptionStatusDto | null>('open');
  const [materialOff, setMaterialOff] = useState(false);
  const items = usePagedList<ItemDto>(async (page) => {
    if (!cid) return { items: [], total: 0, page, pageSize: 20 };
    const res = await api.redeem.adminItems({ communityId: cid, page, pageSize: 20 });
    setMaterialOff(res.materialOff);
    return res;
  }, [cid]);
  const reds = usePagedList<RedemptionDto>((page) => (cid && tab === 'redemptions' ? api.redeem.adminRedemptions({ communityId: cid, page, pageSize: 20, ...(status ? { status } : {}) }) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 })), [cid, tab, status]);
  const list = tab === 'items' ? items : reds;
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) { shown.current = true; return; }
    void list.reload();
  });
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  const go = (url: string) => void Taro.navigateTo({ url: `${url}${url.includes('?') ? '&' : '?'}communityId=${encodeURIComponent(cid ?? '')}` });

  return (
    <View className='sbd-page'>
      <PageState loading={community.loading} error={community.error}>
        <View className='rd-links'>
          <Text className='rd-link' onClick={() => go('/admin-redeem/hand-over/index')}>扫码核销</Text>
          <Text className='rd-link' onClick={() => go('/admin-redeem/item-edit/index')}>＋ 上架兑换品</Text>
        </View>
        {materialOff && <Text className='rd-note'>本区已关闭实物兑换：党员只能看到和兑换荣誉类项目。</Text>}
        <Tabs tabs={[{ value: 'items', label: '兑换品' }, { value: 'redemptions', label: '兑换记录' }]} value={tab} onChange={setTab} />
        {tab === 'items' ? (
          <PageState loading={items.loading} error={items.error} onRetry={items.reload} empty={items.items.length === 0} emptyText='还没有兑换品' emptyHint='上架爱心超市的捐赠物品或荣誉（如优秀志愿者证书），党员用可兑换分兑换'>
            {items.items.map((i) => (
              <Card key={i.id} title={i.title} onClick={() => go(`/admin-redeem/item-edit/index?id=${i.id}`)}
                extra={<StatusTag tone={i.status === 'on' ? 'success' : 'muted'} text={`${redeemKindLabel[i.kind]} · ${i.status === 'on' ? '上架中' : '已下架'}`} />}>
                <Text className='rd-line'>{i.price} 可兑换分 · 已兑 {i.redeemed} 件</Text>
                <Text className={`rd-line${i.stock <= 2 ? ' rd-line--warn' : ' rd-line--muted'}`}>库存 {i.stock} 件{i.perMemberLimit ? ` · 每人限 ${i.perMemberLimit} 件` : ''} · {fmtDate(i.validFrom)} 至 {fmtDate(i.validTo)}</Text>
              </Card>
            ))}
            <ListFooter loading={items.loadingMore} hasMore={items.hasMore} onMore={items.loadMore} count={items.items.length} />
          </PageState>
        ) : (
          <View>
            <Chips options={[{ value: 'open', label: redemptionStatusLabel.open }, { value: 'handed', label: redemptionStatusLabel.handed }, { value: 'cancelled', label: redemptionStatusLabel.cancelled }, { value: null, label: '全部' }]} value={status} onChange={setStatus} />
            <PageState loading={reds.loading} error={reds.error} onRetry={reds.reload} empty={reds.items.length === 0} emptyText='没有兑换记录'>
              {reds.items.map((r) => (
                <RedemptionCard key={r.id} r={r} who>
                  {r.status === 'open' && <View className='rd-actions'><Button className='rd-btn' onClick={() => go(`/admin-redeem/hand-over/index?code=${r.code}`)}>核销</Button></View>}
                </RedemptionCard>
              ))}
              <ListFooter loading={reds.loadingMore} hasMore={reds.hasMore} onMore={reds.loadMore} count={reds.items.length} />
            </PageState>
          </View>
        )}
      </PageState>
    </View>
  );
}
