import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { saveTaskInput, taskAudience, taskAudienceLabel, type SaveTaskInput, type TaskAudience, type TaskCategory, type TaskDetail } from '@core/contracts/task';
import { TASK_CATEGORIES, taskCategoryLabel } from '@core/contracts/labels';
import { describeZodError } from '@core/contracts/zh';
import { api, useAction, useQuery, useRequestId } from '../../api';
import { Card, PageState, confirm } from '../../components';
import { chinaToday, fmtClock, fmtDate, fromChina } from '@core/format';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/tasks/tasks.scss';

const RADII: Array<{ value: number | null; text: string }> = [
  { value: null, text: '不限' },
  { value: 100, text: '100 米' },
  { value: 200, text: '200 米' },
  { value: 500, text: '500 米' },
];

interface Form {
  title: string;
  description: string;
  category: TaskCategory;
  day: string;
  start: string;
  end: string;
  deadlineDay: string;
  deadline: string;
  placeName: string;
  lat: string;
  lng: string;
  radius: number | null;
  slots: string;
  audience: TaskAudience;
  skills: string;
}

function tomorrow(): string {
  return chinaToday(1);
}
const blank = (): Form => ({
  title: '', description: '', category: 'environment', day: tomorrow(), start: '09:00', end: '11:00', deadlineDay: tomorrow(), deadline: '08:00',
  placeName: '', lat: '', lng: '', radius: null, slots: '10', audience: 'community', skills: '',
});
function formOf(t: TaskDetail): Form {
  return {
    title: t.title, description: t.description, category: t.category, day: fmtDate(t.startAt), start: fmtClock(t.startAt), end: fmtClock(t.endAt),
    deadlineDay: fmtDate(t.signupDeadline), deadline: fmtClock(t.signupDeadline), placeName: t.place.name, lat: String(t.place.lat), lng: String(t.place.lng),
    radius: t.place.radius, slots: String(t.slots), audience: t.audience, skills: t.skills.join('，'),
  };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className='task-field'>
      <Text className='task-field__label'>{label}</Text>
      <View className='task-field__value'>{children}</View>
    </View>
  );
}

/** 编辑任务: create a draft, edit, publish. Source need / project from the query. */
export default function TaskEditPage() {
  const params = useRouter().params;
  const id = params.id;
  const community = useAdminCommunity();
  const existing = useQuery(() => (id ? api.task.getTask({ id }) : Promise.resolve(null)), [id]);
  const [form, setForm] = useState<Form>(blank);
  const [error, setError] = useState('');
  useEffect(() => {
    if (existing.data) setForm(formOf(existing.data.task));
  }, [existing.data]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const source = params.needId ? { kind: 'need' as const, id: params.needId } : params.projectId ? { kind: 'project' as const, id: params.projectId } : existing.data?.task.source ?? null;
  const toInput = (): SaveTaskInput | null => {
    const communityId = existing.data?.task.communityId ?? community.communityId;
    if (!communityId) return null;
    const end = form.end <= form.start ? null : fromChina(form.day, form.end);
    if (!end) { setError('结束时间须晚于开始时间'); return null; }
    if (form.radius != null && !form.lat) { setError('设置签到范围前请先在地图上选择位置'); return null; }
    const lat = Number(form.lat || 0);
    const lng = Number(form.lng || 0);
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) { setError('经纬度格式不正确'); return null; }
    const input: SaveTaskInput = {
      ...(id ? { id } : {}), communityId, title: form.title, description: form.description, category: form.category,
      startAt: fromChina(form.day, form.start), endAt: end, signupDeadline: fromChina(form.deadlineDay, form.deadline),
      place: { name: form.placeName, lat, lng, radius: form.radius }, slots: Number(form.slots) || 0,
      audience: form.audience, skills: form.skills.split(/[,，、\s]+/).filter(Boolean), source, ruleId: null,
    };
    // check here so the message names the field ("地点名称：此项不能为空"), not just "此项不能为空"
    const parsed = saveTaskInput.safeParse(input);
    if (!parsed.success) {
      setError(describeZodError(parsed.error, { title: '任务名称', description: '任务说明', slots: '招募人数', 'place.name': '地点名称', skills: '所需技能', signupDeadline: '报名截止', startAt: '开始时间', endAt: '结束时间' }));
      return null;
    }
    return input;
  };

  const requestId = useRequestId();
  const save = useAction(async (publish: boolean) => {
    setError('');
    const input = toInput();
    if (!input) return null;
    // one requestId per page: a second tap or a retry after a lost answer saves the same draft
    const saved = await api.task.saveTask(id ? input : { ...input, requestId: requestId.current });
    if (publish && saved.task.status === 'draft') await api.task.publish({ id: saved.task.id });
    return { ...saved, published: publish };
  }, {
    once: true, // the page leaves after success: the buttons stay disabled until then
    onSuccess: (r) => {
      if (!r) return;
      void Taro.showToast({ title: r.published ? '已发布' : r.notified ? `已保存，已通知 ${r.notified} 人` : '已保存', icon: 'none' });
      setTimeout(() => void Taro.navigateBack(), 600);
    },
  });
  const cancelTask = useAction((reason: string) => api.task.cancel({ id: id!, reason }), {
    once: true,
    onSuccess: (r) => { void Taro.showToast({ title: `已取消，已通知 ${r.notified} 人`, icon: 'none' }); setTimeout(() => void Taro.navigateBack(), 600); },
  });

  const pickPlace = async () => {
    try {
      const loc = await Taro.chooseLocation({});
      setForm((f) => ({ ...f, placeName: f.placeName || loc.name || loc.address, lat: String(loc.latitude), lng: String(loc.longitude) }));
    } catch {
      // closed without choosing
    }
  };
  // the reason is typed on the page: an editable showModal has no input in the h5 build
  const [cancelReason, setCancelReason] = useState<string | null>(null);
  const onCancelTask = async () => {
    const reason = (cancelReason ?? '').trim() || '社区安排调整';
    if (await confirm({ title: '确定取消该任务？', content: `原因：${reason}` })) void cancelTask.run(reason);
  };

  const status = existing.data?.task.status;
  return (
    <View className='sbd-page task-edit'>
      <PageState loading={community.loading || (!!id && existing.loading)} error={community.error ?? existing.error} onRetry={existing.reload}>
        {source && <Text className='task-hint'>来源：{source.kind === 'need' ? '需求清单' : '项目清单'}</Text>}
        <Card title='基本信息'>
          <Row label='任务名称'><Input className='task-field__input' name='title' placeholder='如：小区楼道杂物清理' value={form.title} maxlength={40} onInput={(e) => set('title', e.detail.value)} /></Row>
          <Row label='类别'>
            <View className='task-btn-row'>
              {TASK_CATEGORIES.map((c) => (
                <Text key={c} className={`task-chip${form.category === c ? ' task-chip--on' : ''}`} onClick={() => set('category', c)}>{taskCategoryLabel[c]}</Text>
              ))}
            </View>
          </Row>
          <Row label='招募人数'><Input className='task-field__input' name='slots' type='number' value={form.slots} onInput={(e) => set('slots', e.detail.value)} /></Row>
          <Row label='报名范围'>
            <View className='task-btn-row'>
              {taskAudience.options.map((a) => (
                <Text key={a} className={`task-chip${form.audience === a ? ' task-chip--on' : ''}`} onClick={() => set('audience', a)}>{taskAudienceLabel[a]}</Text>
              ))}
            </View>
          </Row>
          <Row label='所需技能'><Input className='task-field__input' placeholder='可不填，多个用逗号分隔' value={form.skills} onInput={(e) => set('skills', e.detail.value)} /></Row>
          <Textarea className='task-textarea' placeholder='任务说明：做什么、注意事项、需要携带的物品' value={form.description} maxlength={1000} onInput={(e) => set('description', e.detail.value)} />
        </Card>
        <Card title='时间'>
          <Row label='日期'><Picker mode='date' value={form.day} onChange={(e) => set('day', String(e.detail.value))}><Text>{form.day}</Text></Picker></Row>
          <Row label='开始'><Picker mode='time' value={form.start} onChange={(e) => set('start', String(e.detail.value))}><Text>{form.start}</Text></Picker></Row>
          <Row label='结束'><Picker mode='time' value={form.end} onChange={(e) => set('end', String(e.detail.value))}><Text>{form.end}</Text></Picker></Row>
          <Row label='报名截止'>
            <Picker mode='date' value={form.deadlineDay} onChange={(e) => set('deadlineDay', String(e.detail.value))}><Text>{form.deadlineDay} </Text></Picker>
            <Picker mode='time' value={form.deadline} onChange={(e) => set('deadline', String(e.detail.value))}><Text>{form.deadline}</Text></Picker>
          </Row>
        </Card>
        <Card title='地点'>
          <Row label='地点名称'><Input className='task-field__input' name='place' placeholder='如：幸福社区党群服务中心' value={form.placeName} onInput={(e) => set('placeName', e.detail.value)} /></Row>
          {process.env.TARO_ENV === 'weapp' ? (
            <Row label='位置'>
              <Text onClick={() => void pickPlace()} className='task-chip'>{form.lat ? `${Number(form.lat).toFixed(5)}, ${Number(form.lng).toFixed(5)}` : '在地图上选择'}</Text>
            </Row>
          ) : (
            // no map picker outside the mini-program: coordinates are typed in
            <>
              <Row label='纬度'><Input className='task-field__input' type='digit' placeholder='如 30.65710' value={form.lat} onInput={(e) => set('lat', e.detail.value)} /></Row>
              <Row label='经度'><Input className='task-field__input' type='digit' placeholder='如 104.08060' value={form.lng} onInput={(e) => set('lng', e.detail.value)} /></Row>
            </>
          )}
          <Row label='签到范围'>
            <View className='task-btn-row'>
              {RADII.map((r) => (
                <Text key={r.text} className={`task-chip${form.radius === r.value ? ' task-chip--on' : ''}`} onClick={() => set('radius', r.value)}>{r.text}</Text>
              ))}
            </View>
          </Row>
          {form.radius != null && !form.lat && <Text className='task-warn'>设置签到范围前请先在地图上选择位置</Text>}
        </Card>
        {error && <View className='task-notice task-error'>{error}</View>}
        <View className='task-actions'>
          {status !== 'published' && <Button className='task-btn' loading={save.loading} disabled={save.busy || undefined} onClick={() => void save.run(true)}>保存并发布</Button>}
          <Button className={`task-btn${status === 'published' ? '' : ' task-btn--ghost'}`} loading={save.loading} disabled={save.busy || undefined} onClick={() => void save.run(false)}>
            {status === 'published' ? '保存修改并通知报名党员' : '保存草稿'}
          </Button>
          {id && (status === 'published' || status === 'draft') && cancelReason === null && <Button className='task-btn task-btn--plain' onClick={() => setCancelReason('')}>取消任务</Button>}
          {id && (status === 'published' || status === 'draft') && cancelReason !== null && (
            <Card title='取消任务'>
              <Textarea className='task-textarea' placeholder='请填写取消原因（会通知已报名的党员）' value={cancelReason} maxlength={100} onInput={(e) => setCancelReason(e.detail.value)} />
              <View className='task-btn-row'>
                <Button className='task-mini' loading={cancelTask.loading} disabled={cancelTask.busy || undefined} onClick={() => void onCancelTask()}>确认取消任务</Button>
                <Button className='task-mini' onClick={() => setCancelReason(null)}>返回</Button>
              </View>
            </Card>
          )}
        </View>
      </PageState>
    </View>
  );
}
