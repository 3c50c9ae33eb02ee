import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { EntryDto, RankRow, RankScope } from '@core/contracts/points';
import { api, useQuery, usePagedList } from '../../api';
import { Card, ListFooter, PageState } from '../../components';
import { EntryRow, PointsSummary, RulesCard, SCOPE_LABEL, fmtHours } from '../../features/points';
import '../../features/points/points.scss';

type Tab = 'ranking' | 'history';
const SCOPES: RankScope[] = ['community', 'unit', 'street'];

/** 积分 tab: my points, hours and rank; the ranking of my community / unit / street; my history. */
export default function PointsPage() {
  const [tab, setTab] = useState<Tab>('ranking');
  const [scope, setScope] = useState<RankScope>('community');
  const [mine, setMine] = useState<{ rank: number; points: number } | null>(null);
  const [hasScope, setHasScope] = useState(true);

  const balance = useQuery(() => api.points.balance({}), []);
  const ranking = usePagedList<RankRow>(async (page) => {
    const res = await api.points.ranking({ scope, page, pageSize: 20 });
    setMine(res.mine);
    setHasScope(res.scopeId !== null);
    return res;
  }, [scope]);
  const history = usePagedList<EntryDto>((page) => api.points.history({ page, pageSize: 20 }), []);

  // coming back to the tab after a task was confirmed: refresh quietly (not on the first show)
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) { shown.current = true; return; }
    void balance.reload();
    void (tab === 'ranking' ? ranking.reload() : history.reload());
  });
  usePullDownRefresh(() => {
    void Promise.all([balance.reload(), ranking.reload(), history.reload()]).then(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void (tab === 'ranking' ? ranking.loadMore() : history.loadMore()));

  return (
    <View className='sbd-page'>
      <PageState loading={balance.loading} rows={1} error={balance.error} onRetry={balance.reload}>
        {balance.data && <PointsSummary data={balance.data} />}
      </PageState>
      <Card title='积分公示' extra={<Text>新积分公示期满后生效 ›</Text>} onClick={() => void Taro.navigateTo({ url: '/gongshi/list/index' })} />
      <Card title='积分商城' extra={<Text>可兑换分兑换爱心超市物品、荣誉 ›</Text>} onClick={() => void Taro.navigateTo({ url: '/redeem/mall/index' })} />

      <View className='pts-switch'>
        <View className={`pts-switch__item${tab === 'ranking' ? ' pts-switch__item--on' : ''}`} onClick={() => setTab('ranking')}>排行榜</View>
        <View className={`pts-switch__item${tab === 'history' ? ' pts-switch__item--on' : ''}`} onClick={() => setTab('history')}>积分明细</View>
      </View>

      {tab === 'ranking' ? (
        <View className='pts-ranking'>
          <View className='pts-chips'>
            {SCOPES.map((s) => (
              <Text key={s} className={`pts-chip${scope === s ? ' pts-chip--on' : ''}`} onClick={() => setScope(s)}>{SCOPE_LABEL[s]}</Text>
            ))}
          </View>
          {mine && <View className='pts-mine'>我在{SCOPE_LABEL[scope]}排第 {mine.rank} 名，{mine.points} 分</View>}
          <PageState
            loading={ranking.loading}
            error={ranking.error}
            onRetry={ranking.reload}
            empty={ranking.items.length === 0}
            emptyText={hasScope ? `${SCOPE_LABEL[scope]}内暂无积分` : scope === 'unit' ? '尚未加入单位' : '尚未报到到社区'}
            emptyHint={hasScope ? '参加志愿服务获得积分后即可上榜' : scope === 'unit' ? '在“我的”中加入工作单位后可查看单位排行' : '到居住地社区报到后可查看排行'}
          >
            <Card>
              {ranking.items.map((r, i) => (
                <View key={`${r.rank}-${i}`} className={`pts-row${r.isMe ? ' pts-row--me' : ''}`}>
                  <Text className={`pts-row__rank${r.rank <= 3 ? ' pts-row__rank--top' : ''}`}>{r.rank}</Text>
                  <Text className='pts-row__name'>{r.name}{r.isMe ? '（我）' : ''}</Text>
                  <Text className='pts-row__hours'>{fmtHours(r.hours)} 小时</Text>
                  <Text className='pts-row__points'>{r.points} 分</Text>
                </View>
              ))}
            </Card>
            <ListFooter loading={ranking.loadingMore} hasMore={ranking.hasMore} onMore={ranking.loadMore} count={ranking.items.length} />
          </PageState>
        </View>
      ) : (
        <View className='pts-history'>
          <PageState
            loading={history.loading}
            error={history.error}
            onRetry={history.reload}
            empty={history.items.length === 0}
            emptyText='暂无积分记录'
            emptyHint='报到通过、参加志愿服务并确认时长后即可获得积分'
          >
            <Card>
              {history.items.map((e) => <EntryRow key={e.id} entry={e} />)}
            </Card>
            <ListFooter loading={history.loadingMore} hasMore={history.hasMore} onMore={history.loadMore} count={history.items.length} />
          </PageState>
          {balance.data?.communityId && <RulesCard scopeId={balance.data.communityId} />}
        </View>
      )}
    </View>
  );
}
