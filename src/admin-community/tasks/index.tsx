import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TaskStatus } from '@core/contracts/task';
import { api, useAction } from '../../api';
import { useScopedPagedList } from '../../api/useScopedPagedList';
import { ListFooter, PageState, confirm } from '../../components';
import { TaskCard } from '../../features/tasks/TaskCard';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/tasks/tasks.scss';

const TABS: Array<{ key: TaskStatus | undefined; text: string }> = [
  { key: undefined, text: '全部' },
  { key: 'draft', text: '草稿' },
  { key: 'published', text: '已发布' },
  { key: 'finished', text: '已结束' },
  { key: 'cancelled', text: '已取消' },
];

/** 任务管理: the community's tasks by status; entry to the three lists. */
export default function AdminTasksPage() {
  const community = useAdminCommunity();
  const cid = community.communityId;
  // coming back from the editor: show the change
  const { status, setStatus, list } = useScopedPagedList(cid, undefined as TaskStatus | undefined, (communityId, s, page, pageSize) =>
    api.task.listAdminTasks({ communityId, status: s, page, pageSize }), { reloadOnShow: true });

  const publish = useAction((id: string) => api.task.publish({ id }), { success: '已发布', onSuccess: () => void list.reload() });
  const onPublish = async (id: string, title: string) => {
    if (await confirm({ title: '发布任务？', content: `「${title}」发布后，党员即可报名`, danger: false })) void publish.run(id);
  };
  const q = cid ? `communityId=${encodeURIComponent(cid)}` : '';
  return (
    <View className='sbd-page'>
      <PageState loading={community.loading} error={community.error}>
        <View className='task-actions'>
          <Button className='task-btn new-task' onClick={() => Taro.navigateTo({ url: `/admin-community/task-edit/index?${q}` })}>发布新任务</Button>
          <View className='task-btn-row'>
            <Button className='task-mini' onClick={() => Taro.navigateTo({ url: `/admin-community/needs/index?${q}` })}>需求清单</Button>
            <Button className='task-mini' onClick={() => Taro.navigateTo({ url: `/admin-community/projects/index?${q}` })}>资源与项目清单</Button>
          </View>
        </View>
        <View className='task-filters'>
          {TABS.map((t) => (
            <Text key={t.text} className={`task-chip${status === t.key ? ' task-chip--on' : ''}`} onClick={() => setStatus(t.key)}>{t.text}</Text>
          ))}
        </View>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='暂无任务' emptyHint='点击「发布新任务」，从需求或项目创建志愿服务任务'>
          {list.items.map((t) => (
            <TaskCard
              key={t.id}
              task={t}
              onClick={() => Taro.navigateTo({ url: t.status === 'draft' ? `/admin-community/task-edit/index?id=${t.id}&${q}` : `/admin-community/task-attendance/index?id=${t.id}` })}
              footer={t.status === 'draft' ? (
                <View className='task-btn-row'>
                  <Button className='task-mini' onClick={(e) => { e.stopPropagation(); void onPublish(t.id, t.title); }}>发布</Button>
                </View>
              ) : undefined}
            />
          ))}
          <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
        </PageState>
      </PageState>
    </View>
  );
}
