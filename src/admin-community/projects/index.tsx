import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { projectStatus, projectStatusLabel, type ProjectView } from '@core/contracts/task';
import { api, useQuery, usePagedList } from '../../api';
import { Card, Chips, Field, ListFooter, PageState, StatusTag, TextArea } from '../../components';
import { ActionRow } from '../../components/ActionRow';
import { ListRow } from '../../components/ListRow';
import { InlineFormCard, useInlineForm } from '../../features/tasks/InlineForm';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/tasks/tasks.scss';

type Status = ProjectView['status'];
interface Draft { id?: string; title: string; description: string; needId: string | null; resource: string; unitId: string | null; status: Status }
const blank = (needId: string | null = null): Draft => ({ title: '', description: '', needId, resource: '', unitId: null, status: 'planned' });
const statusOptions = projectStatus.options.map((s) => ({ value: s, label: projectStatusLabel[s] }));
const draftOf = ({ id, title, description, needId, resource, unitId, status }: ProjectView): Draft => (
  { id, title, description, needId, resource, unitId, status }
);
const tone = (s: Status) => (s === 'done' ? 'muted' : s === 'active' ? 'success' : 'warning');

/**
 * 资源清单 + 项目清单: resources come from approved unit reports; a project matches a need with a
 * resource and names the responsible unit. Tasks can be published from a project.
 */
export default function ProjectsPage() {
  const community = useAdminCommunity();
  const cid = community.communityId;
  const needFromQuery = useRouter().params.needId ?? null;
  const none = (page: number, pageSize: number) => Promise.resolve({ items: [], total: 0, page, pageSize });
  const resources = useQuery(() => (cid ? api.task.listResources({ communityId: cid }) : Promise.resolve({ items: [] })), [cid]);
  const needs = useQuery(() => (cid ? api.task.listNeeds({ communityId: cid, page: 1, pageSize: 50 }) : none(1, 50)), [cid]);
  const list = usePagedList((page) => (cid ? api.task.listProjects({ communityId: cid, page, pageSize: 20 }) : none(page, 20)), [cid]);
  useReachBottom(() => void list.loadMore());
  const save = (d: Draft) => api.task.saveProject({ ...d, communityId: cid! });
  const { draft, setDraft, saving } = useInlineForm<Draft>(save, () => void list.reload(), needFromQuery ? blank(needFromQuery) : null);
  const q = `communityId=${encodeURIComponent(cid ?? '')}`;
  const pick = (r: { text: string; unitId: string }) => ({ resource: r.text, unitId: r.unitId });
  const needOptions = (needs.data?.items ?? []).filter((n) => n.status !== 'closed').map((n) => ({ value: n.id, label: n.title }));

  return (
    <View className='sbd-page'>
      <PageState loading={community.loading} error={community.error}>
        <Card title={`资源清单（${resources.data?.items.length ?? 0}）`}>
          {resources.loading && <Text className='task-hint'>加载中…</Text>}
          {resources.data?.items.length === 0 && <Text className='task-hint'>暂无资源：单位报到审核通过后，其资源清单会显示在这里</Text>}
          {resources.data?.items.map((r, i) => (
            <ListRow
              key={`${r.unitReportId}-${i}`}
              title={r.text}
              description={r.unitName}
              extra={draft ? <ActionRow actions={[{ text: draft.resource === r.text ? '已选用' : '选用', onClick: () => setDraft({ ...draft, ...pick(r) }) }]} /> : undefined}
            />
          ))}
        </Card>
        {draft ? (
          <InlineFormCard title={draft.id ? '编辑项目' : '新建项目'} saving={saving} onCancel={() => setDraft(null)}>
            <Field title='项目名称' required placeholder='如：银龄助餐共建项目' value={draft.title} onInput={(v) => setDraft({ ...draft, title: v })} />
            <Field title='对应需求' description={needOptions.length === 0 ? '暂无未关闭的需求' : undefined}>
              <Chips<string> options={needOptions} value={draft.needId} onChange={(v) => setDraft({ ...draft, needId: v })} />
            </Field>
            <Field title='对接资源'>{draft.resource || '在上方资源清单中选用'}</Field>
            <TextArea title='项目说明' placeholder='目标、分工、周期' value={draft.description} maxlength={500} onInput={(v) => setDraft({ ...draft, description: v })} />
            <Field title='状态'>
              <Chips<Status> options={statusOptions} value={draft.status} onChange={(v) => v && setDraft({ ...draft, status: v })} />
            </Field>
          </InlineFormCard>
        ) : (
          <View className='task-actions'><Button className='task-btn' onClick={() => setDraft(blank())}>新建项目</Button></View>
        )}
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='暂无项目' emptyHint='把需求与单位资源对接起来，形成共建项目'>
          {list.items.map((p) => (
            <Card key={p.id} title={p.title} extra={<StatusTag tone={tone(p.status)} text={projectStatusLabel[p.status]} />}>
              {p.needTitle && <Field title='需求'>{p.needTitle}</Field>}
              {p.resource && <Field title='资源'>{p.resource}</Field>}
              {p.unitName && <Field title='责任单位'>{p.unitName}</Field>}
              <ActionRow
                actions={[
                  { text: '发布为任务', onClick: () => void Taro.navigateTo({ url: `/admin-community/task-edit/index?projectId=${p.id}&${q}` }) },
                  { text: '编辑', onClick: () => setDraft(draftOf(p)) },
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
