import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { claimStatusLabel, wishCategoryLabel, wishStatusLabel, type WishCard } from '@core/contracts/wish';
import { api, usePagedList } from '../../api';
import { Card, ListFooter, PageState, StatusTag } from '../../components';
import { Tabs } from '../../components';
import { dateOf, wishStatusTone } from '../../features/service/format';
import '../../features/report/report.scss';
import '../../features/service/service.scss';

type Tab = 'wall' | 'mine';

/** 心愿墙: open wishes of my community first, then nearby ones; 我的认领: wishes I claimed or joined. */
export default function WishWall() {
  const initial = Taro.getCurrentInstance().router?.params.tab === 'mine' ? 'mine' : 'wall';
  const [tab, setTab] = useState<Tab>(initial);
  const wall = usePagedList((page) => (tab === 'wall' ? api.wish.wall({ page, pageSize: 20 }) : Promise.resolve({ items: [] as WishCard[], total: 0, page, pageSize: 20 })), [tab]);
  const mine = usePagedList((page) => (tab === 'mine' ? api.wish.mine({ page, pageSize: 20 }) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 })), [tab]);
  const list = tab === 'wall' ? wall : mine;
  const first = useRef(true);
  useDidShow(() => {
    if (first.current) { first.current = false; return; }
    void list.reload(); // back from a wish
  });
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  const open = (id: string) => void Taro.navigateTo({ url: `/wish/detail/index?id=${id}` });
  return (
    <View className='sbd-page'>
      <Tabs tabs={[{ value: 'wall', label: '心愿墙' }, { value: 'mine', label: '我的认领' }]} value={tab} onChange={setTab} />
      {tab === 'wall' ? (
        <PageState loading={wall.loading} error={wall.error} onRetry={wall.reload} empty={wall.items.length === 0} emptyText='暂时没有待认领的心愿' emptyHint='社区核实后的居民微心愿会发布在这里'>
          {wall.items.map((w) => <WishItem key={w.id} w={w} onOpen={() => open(w.id)} />)}
          <ListFooter loading={wall.loadingMore} hasMore={wall.hasMore} onMore={wall.loadMore} count={wall.items.length} />
        </PageState>
      ) : (
        <PageState loading={mine.loading} error={mine.error} onRetry={mine.reload} empty={mine.items.length === 0} emptyText='还没有认领过心愿' emptyHint='在心愿墙认领一个心愿，或用同事分享的邀请加入一起认领'>
          {mine.items.map((c) => (
            <WishItem key={c.claimId} w={c.wish} onOpen={() => open(c.wish.id)} note={`${claimStatusLabel[c.status]}${c.anonymous ? ' · 匿名' : ''}${c.leader ? '' : ' · 参与'}${c.points ? ` · 积分 +${c.points}` : ''}`} />
          ))}
          <ListFooter loading={mine.loadingMore} hasMore={mine.hasMore} onMore={mine.loadMore} count={mine.items.length} />
        </PageState>
      )}
    </View>
  );
}

function WishItem({ w, onOpen, note }: { w: WishCard; onOpen: () => void; note?: string }) {
  return (
    <Card onClick={onOpen} title={<Text className='svc-title'>{w.title}</Text>} extra={<StatusTag tone={wishStatusTone[w.status]} text={wishStatusLabel[w.status]} />}>
      <Text className='svc-line'><Text className='svc-type'>{wishCategoryLabel[w.category]}</Text>为 {w.forWhom} · {w.communityName}</Text>
      <Text className='svc-line svc-line--muted'>{w.valueCap > 0 ? `价值不超过 ${w.valueCap} 元 · ` : ''}截止 {dateOf(w.deadline)}{w.groupMax > 1 ? ` · 可 ${w.groupMax} 人一起认领` : ''}</Text>
      {w.donor && <Text className='svc-line'>认领：{w.donor}{w.groupSize > 1 && !w.donor.includes('等') ? `（${w.groupSize} 人）` : ''}</Text>}
      {note && <Text className='svc-line svc-line--ok'>{note}</Text>}
    </Card>
  );
}
