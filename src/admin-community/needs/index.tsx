import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { needStatus, needStatusLabel, type NeedView, type TaskCategory } from '@core/contracts/task';
import { TASK_CATEGORIES, taskCategoryLabel } from '@core/contracts/labels';
import { api, usePagedList } from '../../api';
import { Card, Chips, Field, ListFooter, PageState, StatusTag, TextArea } from '../../components';
import { ActionRow } from '../../components/ActionRow';
import { InlineFormCard, useInlineForm } from '../../features/tasks/InlineForm';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/tasks/tasks.scss';

type Status = NeedView['status'];
interface Draft { id?: string; title: string; description: string; category: TaskCategory; status: Status }
const blank: Draft = { title: '', description: '', category: 'care', status: 'open' };
const tone: Record<Status, 'warning' | 'success' | 'muted'> = { open: 'warning', matched: 'success', closed: 'muted' };
const none = (page: number) => Promise.resolve({ items: [], total: 0, page, pageSize: 20 });
const categoryOptions = TASK_CATEGORIES.map((c) => ({ value: c, label: taskCategoryLabel[c] }));
const statusOptions = needStatus.options.map((s) => ({ value: s, label: needStatusLabel[s] }));

/** 需求清单: what residents need, recorded by the community; each can become a task or a project. */
export default function NeedsPage() {
  const community = useAdminCommunity();
  const cid = community.communityId;
  const [filter, setFilter] = useState<Status | null>(null);
  const list = usePagedList(
    (page) => (cid ? api.task.listNeeds({ communityId: cid, status: filter ?? undefined, page, pageSize: 20 }) : none(page)),
    [cid, filter],
  );
  useReachBottom(() => void list.loadMore());
  const { draft, setDraft, saving } = useInlineForm<Draft>((d) => api.task.saveNeed({ ...d, communityId: cid! }), () => void list.reload());
  const q = `communityId=${encodeURIComponent(cid ?? '')}`;

  return (
    <View className='sbd-page'>
      <PageState loading={community.loading} error={community.error}>
        {draft ? (
          <InlineFormCard title={draft.id ? '编辑需求' : '登记需求'} saving={saving} onCancel={() => setDraft(null)}>
            <Field title='需求名称' required placeholder='如：独居老人每周探访' value={draft.title} onInput={(v) => setDraft({ ...draft, title: v })} />
            <Field title='类别'>
              <Chips<TaskCategory> options={categoryOptions} value={draft.category} onChange={(v) => v && setDraft({ ...draft, category: v })} />
            </Field>
            <TextArea title='需求说明' placeholder='对象、频次、地点、联系人' value={draft.description} maxlength={500} onInput={(v) => setDraft({ ...draft, description: v })} />
            <Field title='状态'>
              <Chips<Status> options={statusOptions} value={draft.status} onChange={(v) => v && setDraft({ ...draft, status: v })} />
            </Field>
          </InlineFormCard>
        ) : (
          <View className='task-actions'><Button className='task-btn' onClick={() => setDraft({ ...blank })}>登记新需求</Button></View>
        )}
        <Chips<Status> options={[{ value: null, label: '全部' }, ...statusOptions]} value={filter} onChange={setFilter} />
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='暂无需求' emptyHint='走访居民收集的需求登记在这里，可直接发布为志愿任务'>
          {list.items.map((n) => (
            <Card key={n.id} title={n.title} extra={<StatusTag tone={tone[n.status]} text={needStatusLabel[n.status]} />}>
              <Text className='task-card__cat'>{taskCategoryLabel[n.category]}</Text>
              {n.description && <View className='task-row__sub'><Text>{n.description}</Text></View>}
              <ActionRow
                actions={[
                  { text: '发布为任务', onClick: () => void Taro.navigateTo({ url: `/admin-community/task-edit/index?needId=${n.id}&${q}` }) },
                  { text: '对接成项目', onClick: () => void Taro.navigateTo({ url: `/admin-community/projects/index?needId=${n.id}&${q}` }) },
                  { text: '编辑', onClick: () => setDraft({ id: n.id, title: n.title, description: n.description, category: n.category, status: n.status }) },
                ]}
              />
            </Card>
          ))}
          <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
        </PageState>
      </PageState>
    </View>
  );
}
