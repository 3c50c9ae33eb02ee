import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { projectStatus, projectStatusLabel, type ProjectView } from '@core/contracts/task';
import { api, useAction, useQuery, usePagedList, useRequestId } from '../../api';
import { Card, ListFooter, PageState, StatusTag } from '../../components';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/tasks/tasks.scss';

interface Draft { id?: string; title: string; description: string; needId: string | null; resource: string; unitId: string | null; status: ProjectView['status'] }

/**
 * 资源清单 + 项目清单: resources come from approved unit reports; a project matches a need with a
 * resource and names the responsible unit. Tasks can be published from a project.
 */
export default function ProjectsPage() {
  const community = useAdminCommunity();
  const cid = community.communityId;
  const needFromQuery = useRouter().params.needId ?? null;
  const [draft, setDraft] = useState<Draft | null>(needFromQuery ? { title: '', description: '', needId: needFromQuery, resource: '', unitId: null, status: 'planned' } : null);
  const resources = useQuery(() => (cid ? api.task.listResources({ communityId: cid }) : Promise.resolve({ items: [] })), [cid]);
  const needs = useQuery(() => (cid ? api.task.listNeeds({ communityId: cid, page: 1, pageSize: 50 }) : Promise.resolve({ items: [], total: 0, page: 1, pageSize: 50 })), [cid]);
  const list = usePagedList((page) => (cid ? api.task.listProjects({ communityId: cid, page, pageSize: 20 }) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 })), [cid]);
  useReachBottom(() => void list.loadMore());
  // a new one carries this form's requestId: a double tap or a retry creates one
  const requestId = useRequestId();
  const save = useAction(() => api.task.saveProject({ ...draft!, communityId: cid!, ...(draft!.id ? {} : { requestId: requestId.current }) }), { success: '已保存', onSuccess: () => { requestId.renew(); setDraft(null); void list.reload(); } });
  const q = `communityId=${encodeURIComponent(cid ?? '')}`;

  return (
    <View className='sbd-page'>
      <PageState loading={community.loading} error={community.error}>
        <Card title={`资源清单（${resources.data?.items.length ?? 0}）`}>
          {resources.loading && <Text className='task-hint'>加载中…</Text>}
          {resources.data?.items.length === 0 && <Text className='task-hint'>暂无资源：单位报到审核通过后，其资源清单会显示在这里</Text>}
          {resources.data?.items.map((r, i) => (
            <View key={`${r.unitReportId}-${i}`} className='task-row'>
              <View className='task-row__head'>
                <Text>{r.text}</Text>
                {draft && <Button className='task-mini' onClick={() => setDraft({ ...draft, resource: r.text, unitId: r.unitId })}>选用</Button>}
              </View>
              <View className='task-row__sub'><Text>{r.unitName}</Text></View>
            </View>
          ))}
        </Card>
        {draft ? (
          <Card title={draft.id ? '编辑项目' : '新建项目'}>
            <View className='task-field'><Text className='task-field__label'>项目名称</Text><Input className='task-field__input' placeholder='如：银龄助餐共建项目' value={draft.title} maxlength={40} onInput={(e) => setDraft({ ...draft, title: e.detail.value })} /></View>
            <View className='task-field'><Text className='task-field__label'>对应需求</Text><Text className='task-field__value'>{needs.data?.items.find((n) => n.id === draft.needId)?.title ?? '未选择'}</Text></View>
            <View className='task-btn-row'>
              {needs.data?.items.filter((n) => n.status !== 'closed').map((n) => (
                <Text key={n.id} className={`task-chip${draft.needId === n.id ? ' task-chip--on' : ''}`} onClick={() => setDraft({ ...draft, needId: n.id })}>{n.title}</Text>
              ))}
            </View>
            <View className='task-field'><Text className='task-field__label'>对接资源</Text><Text className='task-field__value'>{draft.resource || '在上方资源清单中选用'}</Text></View>
            <Textarea className='task-textarea' placeholder='项目说明：目标、分工、周期' value={draft.description} maxlength={500} onInput={(e) => setDraft({ ...draft, description: e.detail.value })} />
            <View className='task-btn-row'>
              {projectStatus.options.map((s) => <Text key={s} className={`task-chip${draft.status === s ? ' task-chip--on' : ''}`} onClick={() => setDraft({ ...draft, status: s })}>{projectStatusLabel[s]}</Text>)}
            </View>
            <View className='task-btn-row'>
              <Button className='task-mini' loading={save.loading} disabled={save.busy || undefined} onClick={() => void save.run()}>保存</Button>
              <Button className='task-mini' onClick={() => setDraft(null)}>取消</Button>
            </View>
          </Card>
        ) : (
          <View className='task-actions'><Button className='task-btn' onClick={() => setDraft({ title: '', description: '', needId: null, resource: '', unitId: null, status: 'planned' })}>新建项目</Button></View>
        )}
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='暂无项目' emptyHint='把需求与单位资源对接起来，形成共建项目'>
          {list.items.map((p) => (
            <Card key={p.id} title={p.title} extra={<StatusTag tone={p.status === 'done' ? 'muted' : p.status === 'active' ? 'success' : 'warning'} text={projectStatusLabel[p.status]} />}>
              {p.needTitle && <View className='task-row__sub'><Text>需求：{p.needTitle}</Text></View>}
              {p.resource && <View className='task-row__sub'><Text>资源：{p.resource}</Text></View>}
              {p.unitName && <View className='task-row__sub'><Text>责任单位：{p.unitName}</Text></View>}
              <View className='task-btn-row'>
                <Button className='task-mini' onClick={() => Taro.navigateTo({ url: `/admin-community/task-edit/index?projectId=${p.id}&${q}` })}>发布为任务</Button>
                <Button className='task-mini' onClick={() => setDraft({ id: p.id, title: p.title, description: p.description, needId: p.needId, resource: p.resource, unitId: p.unitId, status: p.status })}>编辑</Button>
              </View>
            </Card>
          ))}
          <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
        </PageState>
      </PageState>
    </View>
  );
}
