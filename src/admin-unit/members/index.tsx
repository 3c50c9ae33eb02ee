import { View, Text, Button } from '@tarojs/components';
import { MemberPhone } from '../../features/report/MemberPhone';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { memberCategoryLabel } from '@core/contracts/labels';
import type { UnitMemberView } from '@core/contracts/org';
import { formatRate } from '@core/domain/report';
import { api, useAction, useQuery, usePagedList } from '../../api';
import { Card, ListFooter, PageState, SearchBar, StatusTag, confirm, Stats, Tabs } from '../../components';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';
import { fmtDateTime } from '@core/format';

type Tab = 'unreported' | 'reported' | 'pending';

/** 单位党员: who has reported and who has not (with reminders), and members waiting for confirmation. */
export default function UnitMembers() {
  const scope = useAdminScope(['unit']);
  const id = scope.scopeId;
  const [tab, setTab] = useState<Tab>('unreported');
  const [query, setQuery] = useState('');
  const cov = useQuery(() => (id ? api.org.coverage({ scopeId: id }) : Promise.resolve(null)), [id]);
  const list = usePagedList(
    (page) =>
      id
        ? api.org.unitMembers({ unitId: id, page, pageSize: 20, q: query || undefined, ...(tab === 'pending' ? { unitStatus: 'pending' as const } : { unitStatus: 'verified' as const, reported: tab === 'reported' }) })
        : Promise.resolve({ items: [], total: 0, page, pageSize: 20 }),
    [id, tab, query],
  );
  const refresh = () => Promise.all([list.reload(), cov.reload()]);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => void refresh().then(() => Taro.stopPullDownRefresh()));
  const remind = useAction((openids?: string[]) => api.report.remindUnreported({ unitId: id!, openids }), {
    onSuccess: (r) => {
      void Taro.showToast({ title: r.reminded ? `已提醒 ${r.reminded} 人${r.skipped ? `，${r.skipped} 人今天已提醒过` : ''}` : '今天已提醒过，明天可再次提醒', icon: 'none' });
      void list.reload();
    },
  });
  const confirmMember = useAction((m: UnitMemberView, decision: 'verify' | 'reject') => api.org.confirmMember({ unitId: id!, openid: m.openid, decision }), { success: '已处理', onSuccess: () => void refresh() });
  const u = cov.data?.units[0];
  const onRemindAll = async () => {
    if (await confirm({ title: '提醒全部未报到党员？', content: '将通过站内消息（及已订阅的微信消息）提醒，每人每天最多提醒一次。', confirmText: '提醒', danger: false })) await remind.run(undefined);
  };
  const onReject = async (m: UnitMemberView) => {
    if (await confirm({ title: `不确认 ${m.name}？`, content: '对方将收到通知，可核对后重新申请。' })) await confirmMember.run(m, 'reject');
  };
  return (
    <View className='sbd-page'>
      {u && (
        <Stats
          items={[
            { label: '报到率', value: formatRate(u.rate) },
            { label: '已报到', value: u.reported },
            { label: '未报到', value: u.total - u.reported },
          ]}
        />
      )}
      <Tabs<Tab> tabs={[{ value: 'unreported', label: '未报到' }, { value: 'reported', label: '已报到' }, { value: 'pending', label: '待确认' }]} value={tab} onChange={setTab} />
      <SearchBar placeholder='搜索姓名' onSearch={setQuery} />
      {tab === 'unreported' && list.total > 0 && (
        <Button className='rf-btn rf-btn--ghost' style={{ marginTop: 0, marginBottom: '12px' }} loading={remind.loading} onClick={() => void onRemindAll()}>
          一键提醒未报到党员
        </Button>
      )}
      <PageState
        loading={scope.loading || list.loading}
        error={scope.error ?? list.error}
        onRetry={list.reload}
        empty={list.items.length === 0}
        emptyText={query ? `没有找到“${query}”` : tab === 'unreported' ? '本单位党员均已报到' : tab === 'pending' ? '暂无待确认的党员' : '暂无已报到党员'}
        emptyHint={query ? '请检查姓名，或换到其他标签查找' : undefined}
      >
        {list.items.map((m) => (
          <Card key={m.openid} title={m.name} extra={<StatusTag status={tab === 'pending' ? 'pending' : m.reportStatus ?? 'unreported'} text={tab === 'pending' ? '待确认' : undefined} />}>
            <View className='rf-line'>
              {m.unitStatus === 'rejected' ? <Text>{m.phone}</Text> : <MemberPhone openid={m.openid} masked={m.phone} />}
              <Text>{memberCategoryLabel[m.category]}</Text>
            </View>
            {m.branch && <Text className='rf-hint'>{m.branch}</Text>}
            {m.communityName && <Text className='rf-hint'>{m.reportStatus === 'approved' ? `已报到：${m.communityName}` : `${m.communityName}（${m.reportStatus === 'pending' ? '待社区审核' : m.reportStatus === 'rejected' ? '未通过' : '已撤回'}）`}</Text>}
            {tab !== 'pending' && (
              <View className='rf-btn-row'>
                <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void Taro.navigateTo({ url: `/record/timeline/index?openid=${encodeURIComponent(m.openid)}` })}>
                  记实档案
                </Button>
              </View>
            )}
            {tab === 'unreported' && (
              <View className='rf-btn-row'>
                <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void remind.run([m.openid])}>
                  提醒报到
                </Button>
                {m.lastRemindedAt && <Text className='rf-hint'>上次提醒 {fmtDateTime(m.lastRemindedAt)}</Text>}
              </View>
            )}
            {tab === 'pending' && (
              <View className='rf-btn-row'>
                <Button className='rf-mini' size='mini' onClick={() => void confirmMember.run(m, 'verify')}>
                  确认是本单位党员
                </Button>
                <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void onReject(m)}>
                  不确认
                </Button>
              </View>
            )}
          </Card>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
