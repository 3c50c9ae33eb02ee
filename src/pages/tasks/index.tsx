import { Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { TaskCategory } from '@core/contracts/task';
import { TASK_CATEGORIES, taskCategoryLabel } from '@core/contracts/labels';
import type { ReportStatus } from '@core/contracts/labels';
import { api, usePagedList, useWhoami } from '../../api';
import { ListFooter, PageState } from '../../components';
import { TaskCard } from '../../features/tasks/TaskCard';
import '../../features/tasks/tasks.scss';

type Scope = 'community' | 'nearby' | 'mine';
const SCOPES: Array<{ key: Scope; text: string }> = [
  { key: 'community', text: '本社区' },
  { key: 'nearby', text: '附近社区' },
  { key: 'mine', text: '我的报名' },
];

/** 志愿任务: tasks of my community and nearby, filter by category and day; my signups. */
export default function TasksPage() {
  const [scope, setScope] = useState<Scope>('community');
  const [category, setCategory] = useState<TaskCategory | undefined>();
  const [date, setDate] = useState<string | undefined>();
  const list = usePagedListFor(scope, category, date);
  const filtered = !!category || !!date;
  // what an empty 本社区 list means depends on my report (not reported / waiting / approved)
  const me = useWhoami();

  usePullDownRefresh(() => {
    void list.reload().then(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.loadMore());

  const open = (id: string) => Taro.navigateTo({ url: `/pages/task-detail/index?id=${id}` });
  return (
    <View className='sbd-page tasks-page'>
      <View className='task-filters'>
        {SCOPES.map((s) => (
          <Text key={s.key} className={`task-chip${scope === s.key ? ' task-chip--on' : ''}`} onClick={() => setScope(s.key)}>{s.text}</Text>
        ))}
        <Text className='task-chip' onClick={() => Taro.navigateTo({ url: '/pages/history/index' })}>服务记录</Text>
      </View>
      {scope !== 'mine' && (
        <View className='task-filters'>
          <Text className={`task-chip${!category ? ' task-chip--on' : ''}`} onClick={() => setCategory(undefined)}>全部</Text>
          {TASK_CATEGORIES.map((c) => (
            <Text key={c} className={`task-chip${category === c ? ' task-chip--on' : ''}`} onClick={() => setCategory(c)}>{taskCategoryLabel[c]}</Text>
          ))}
          <Picker mode='date' value={date ?? ''} onChange={(e) => setDate(String(e.detail.value))}>
            <Text className={`task-chip${date ? ' task-chip--on' : ''}`}>{date ?? '选择日期'}</Text>
          </Picker>
          {date && <Text className='task-chip' onClick={() => setDate(undefined)}>全部日期</Text>}
        </View>
      )}
      <PageState
        loading={list.loading}
        error={list.error}
        onRetry={list.reload}
        empty={list.items.length === 0}
        emptyText={scope === 'mine' ? '您还没有报名任务' : filtered ? '没有符合条件的任务' : '暂无可报名的任务'}
        emptyHint={scope === 'mine' ? undefined : filtered ? '换个类别或日期看看' : scope === 'community' ? communityHint(me.data?.report?.status) : undefined}
      >
        {list.items.map((t) => <TaskCard key={t.id} task={t} showCommunity={scope !== 'community'} onClick={() => open(t.id)} />)}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}

function communityHint(report: ReportStatus | undefined): string {
  if (report === 'approved') return '社区发布志愿服务任务后会显示在这里';
  if (report === 'pending') return '您的报到正在等待社区审核，通过后可报名本社区的任务';
  return '到居住地社区报到后，可报名本社区的任务';
}

function usePagedListFor(scope: Scope, category: TaskCategory | undefined, date: string | undefined) {
  return usePagedList(
    (page) => (scope === 'mine' ? api.task.myTasks({ page, pageSize: 20 }) : api.task.listTasks({ scope, category, date, page, pageSize: 20 })),
    [scope, category, date],
  );
}
