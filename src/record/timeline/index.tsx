import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { RecordSummaryDto } from '@core/contracts/record';
import { periodChoices, type NamedPeriod } from '@core/domain/record';
import { api, usePagedList } from '../../api';
import { Card, ListFooter, PageState } from '../../components';
import { TimelineLines } from '../../features/record';
import { RequestOpinion } from './RequestOpinion';
import { Chips, Stats } from '../../components';
import '../../features/report/report.scss';
import '../../features/record/record.scss';
import '../../features/record/record-more.scss';

const hours = (m: number) => `${Math.round((m / 60) * 10) / 10}`;

/**
 * 记实档案: one member's record as a timeline (报到 and moves, confirmed tasks with hours, points,
 * evaluations). Without `openid`: 我的档案. With it: an admin viewing a member of their unit/community.
 */
export default function RecordTimeline() {
  const openid = useRouter().params.openid || undefined;
  const choices = useMemo(() => periodChoices(new Date()), []);
  const [period, setPeriod] = useState<NamedPeriod>(choices[0]);
  const [head, setHead] = useState<{ name: string; sub: string; summary: RecordSummaryDto } | null>(null);
  const list = usePagedList(async (page) => {
    const r = await api.record.timeline({ openid, from: period.from, to: period.to, page, pageSize: 20 });
    const m = r.member;
    setHead({ name: m.name, sub: [m.unitName, m.communityName ? `报到：${m.communityName}` : '未报到'].filter(Boolean).join(' · '), summary: r.summary });
    if (openid && page === 1) void Taro.setNavigationBarTitle({ title: `${m.name}的档案` });
    return r;
  }, [openid, period.key]);
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  const s = head?.summary;
  return (
    <View className='sbd-page'>
      {head && (
        <View className='rf-banner'>
          <Text className='rf-banner__title'>{openid ? head.name : '我的档案'}</Text>
          <Text className='rf-banner__sub'>{head.sub}</Text>
        </View>
      )}
      <Chips options={choices.map((c) => ({ value: c.key, label: c.label }))} value={period.key} onChange={(k) => setPeriod(choices.find((c) => c.key === k) ?? choices[0])} />
      {s && (
        <Stats
          items={[
            { label: '服务次数', value: s.tasks },
            { label: '服务时长(h)', value: hours(s.minutes) },
            { label: '有效积分', value: s.points },
          ]}
        />
      )}
      {openid && head && <RequestOpinion openid={openid} name={head.name} />}
      <PageState
        loading={list.loading}
        error={list.error}
        onRetry={list.reload}
        empty={list.items.length === 0}
        emptyText={period.key === 'all' ? '档案中还没有记录' : `${period.label}没有记录`}
        emptyHint='报到、经社区确认的服务、积分和评价都会记入档案'
      >
        <Card title={`共 ${list.total} 条记录`} extra={s && s.noshows > 0 ? <Text className='rec-status rec-status--bad'>缺席 {s.noshows} 次</Text> : undefined}>
          <TimelineLines items={list.items} onTask={openid ? undefined : (taskId) => void Taro.navigateTo({ url: `/record/evaluate/index?task=${encodeURIComponent(taskId)}` })} />
        </Card>
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
