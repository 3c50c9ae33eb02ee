import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { needStatus, needStatusLabel, type NeedView, type TaskCategory } from '@core/contracts/task';
import { TASK_CATEGORIES, taskCategoryLabel } from '@core/contracts/labels';
import { api, useAction, usePagedList, useRequestId } from '../../api';
import { Card, ListFooter, PageState, StatusTag } from '../../components';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/tasks/tasks.scss';

type Status = NeedView['status'];
interface Draft { id?: string; title: string; description: string; category: TaskCategory; status: Status }
const blank: Draft = { title: '', description: '', category: 'care', status: 'open' };
const tone: Record<Status, 'warning' | 'success' | 'muted'> = { open: 'warning', matched: 'success', closed: 'muted' };

/** 需求清单: what residents need, recorded by the community; each can become a task or a project. */
export default function NeedsPage() {
  const community = useAdminCommunity();
  const cid = community.communityId;
  const [filter, setFilter] = useState<Status | undefined>();
  const [draft, setDraft] = useState<Draft | null>(null);
  const list = usePagedList((page) => (cid ? api.task.listNeeds({ communityId: cid, status: filter, page, pageSize: 20 }) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 })), [cid, filter]);
  useReachBottom(() => void list.loadMore());
  // a new one carries this form's requestId: a double tap or a retry creates one
  const requestId = useRequestId();
  const save = useAction(() => api.task.saveNeed({ ...draft!, communityId: cid!, ...(draft!.id ? {} : { requestId: requestId.current }) }), { success: '已保存', onSuccess: () => { requestId.renew(); setDraft(null); void list.reload(); } });
  const q = `communityId=${encodeURIComponent(cid ?? '')}`;

  return (
    <View className='sbd-page'>
      <PageState loading={community.loading} error={community.error}>
        {draft ? (
          <Card title={draft.id ? '编辑需求' : '登记需求'}>
            <View className='task-field'><Text className='task-field__label'>需求名称</Text><Input className='task-field__input' placeholder='如：独居老人每周探访' value={draft.title} maxlength={40} onInput={(e) => setDraft({ ...draft, title: e.detail.value })} /></View>
            <View className='task-btn-row'>
              {TASK_CATEGORIES.map((c) => <Text key={c} className={`task-chip${draft.category === c ? ' task-chip--on' : ''}`} onClick={() => setDraft({ ...draft, category: c })}>{taskCategoryLabel[c]}</Text>)}
            </View>
            <Textarea className='task-textarea' placeholder='需求说明：对象、频次、地点、联系人' value={draft.description} maxlength={500} onInput={(e) => setDraft({ ...draft, description: e.detail.value })} />
            <View className='task-btn-row'>
              {needStatus.options.map((s) => <Text key={s} className={`task-chip${draft.status === s ? ' task-chip--on' : ''}`} onClick={() => setDraft({ ...draft, status: s })}>{needStatusLabel[s]}</Text>)}
            </View>
            <View className='task-btn-row'>
              <Button className='task-mini' loading={save.loading} disabled={save.busy || undefined} onClick={() => void save.run()}>保存</Button>
              <Button className='task-mini' onClick={() => setDraft(null)}>取消</Button>
            </View>
          </Card>
        ) : (
          <View className='task-actions'><Button className='task-btn' onClick={() => setDraft({ ...blank })}>登记新需求</Button></View>
        )}
        <View className='task-filters'>
          <Text className={`task-chip${!filter ? ' task-chip--on' : ''}`} onClick={() => setFilter(undefined)}>全部</Text>
          {needStatus.options.map((s) => <Text key={s} className={`task-chip${filter === s ? ' task-chip--on' : ''}`} onClick={() => setFilter(s)}>{needStatusLabel[s]}</Text>)}
        </View>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='暂无需求' emptyHint='走访居民收集的需求登记在这里，可直接发布为志愿任务'>
          {list.items.map((n) => (
            <Card key={n.id} title={n.title} extra={<StatusTag tone={tone[n.status]} text={needStatusLabel[n.status]} />}>
              <Text className='task-card__cat'>{taskCategoryLabel[n.category]}</Text>
              {n.description && <View className='task-row__sub'><Text>{n.description}</Text></View>}
              <View className='task-btn-row'>
                <Button className='task-mini' onClick={() => Taro.navigateTo({ url: `/admin-community/task-edit/index?needId=${n.id}&${q}` })}>发布为任务</Button>
                <Button className='task-mini' onClick={() => Taro.navigateTo({ url: `/admin-community/projects/index?needId=${n.id}&${q}` })}>对接成项目</Button>
                <Button className='task-mini' onClick={() => setDraft({ id: n.id, title: n.title, description: n.description, category: n.category, status: n.status })}>编辑</Button>
              </View>
            </Card>
          ))}
          <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
        </PageState>
      </PageState>
    </View>
  );
}
