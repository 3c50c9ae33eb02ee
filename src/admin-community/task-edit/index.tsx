import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { saveTaskInput, taskAudience, taskAudienceLabel, type SaveTaskInput, type TaskAudience, type TaskCategory, type TaskDetail } from '@core/contracts/task';
import { TASK_CATEGORIES, taskCategoryLabel } from '@core/contracts/labels';
import { describeZodError } from '@core/contracts/zh';
import { api, useAction, useQuery, useRequestId } from '../../api';
import { Card, Chips, Field, PageState, TextArea, confirm } from '../../components';
import { PickerField } from '../../components/sub/PickerField';
import { useDraft } from '../../components/sub/useDraft';
import { DraftHint } from '../../components/sub/DraftHint';
import { chinaToday, fmtClock, fmtDate, fromChina } from '@core/format';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/tasks/tasks.scss';

type RadiusKey = 'none' | '100' | '200' | '500';
const RADII: Array<{ value: RadiusKey; label: string }> = [
  { value: 'none', label: '不限' },
  { value: '100', label: '100 米' },
  { value: '200', label: '200 米' },
  { value: '500', label: '500 米' },
];
const radiusKey = (r: number | null): RadiusKey => (r == null ? 'none' : (String(r) as RadiusKey));

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

/** the 时间 card: each row opens the date or time picker for one field of the form */
const TIME_FIELDS: Array<{ key: 'day' | 'start' | 'end' | 'deadlineDay' | 'deadline'; mode: 'date' | 'time'; title: string }> = [
  { key: 'day', mode: 'date', title: '日期' },
  { key: 'start', mode: 'time', title: '开始' },
  { key: 'end', mode: 'time', title: '结束' },
  { key: 'deadlineDay', mode: 'date', title: '报名截止日' },
  { key: 'deadline', mode: 'time', title: '截止时间' },
];

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

/** 编辑任务: create a draft, edit, publish. Source need / project from the query. */
/** Members who signed in (and of them, still serving: not signed out) — read only before a risky action. */
async function signIns(taskId: string): Promise<{ signedIn: number; serving: number }> {
  const a = await api.task.attendance({ taskId });
  const inRows = a.rows.filter((r) => r.signInAt);
  return { signedIn: inRows.length, serving: inRows.filter((r) => !r.signOutAt).length };
}

export default function TaskEditPage() {
  const params = useRouter().params;
  const id = params.id;
  const community = useAdminCommunity();
  const existing = useQuery(() => (id ? api.task.getTask({ id }) : Promise.resolve(null)), [id]);
  const [form, setForm] = useState<Form>(blank);
  const [error, setError] = useState('');
  // the fields mount only once the form holds the stored task: an h5 <Input> whose value changes
  // in the same tick it mounts (before its element exists) threw "reading 'value' at watchValue"
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    if (existing.data) {
      setForm(formOf(existing.data.task));
      setFilled(true);
    }
  }, [existing.data]);
  const status = existing.data?.task.status;
  // a new task from a need or project keeps its own draft; a finished or cancelled task has none
  const draft = useDraft({
    page: 'task-edit', id: id ?? params.needId ?? params.projectId, value: form, apply: setForm,
    ready: !community.loading && (!id || filled), enabled: status !== 'finished' && status !== 'cancelled',
  });
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
    const old = existing.data?.task;
    if (old && old.status === 'published' && !(await timeChangeOk(old, input))) return null;
    // one requestId per page: a second tap or a retry after a lost answer saves the same draft
    const saved = await api.task.saveTask(id ? input : { ...input, requestId: requestId.current });
    if (publish && saved.task.status === 'draft') await api.task.publish({ id: saved.task.id });
    return { ...saved, published: publish };
  }, {
    once: true, // the page leaves after success: the buttons stay disabled until then
    onSuccess: (r) => {
      if (!r) return;
      draft.clear();
      void Taro.showToast({ title: r.published ? '已发布' : r.notified ? `已保存，已通知 ${r.notified} 人` : '已保存', icon: 'none' });
      setTimeout(() => void Taro.navigateBack(), 600);
    },
  });
  const cancelTask = useAction((reason: string) => api.task.cancel({ id: id!, reason }), {
    once: true,
    onSuccess: (r) => { draft.clear(); void Taro.showToast({ title: `已取消，已通知 ${r.notified} 人`, icon: 'none' }); setTimeout(() => void Taro.navigateBack(), 600); },
  });

  /**
   * Moving a published task's time is risky once members have signed in (their minutes are
   * measured against it) or when the new time is already past: say so and ask first.
   */
  const timeChangeOk = async (old: TaskDetail, input: SaveTaskInput): Promise<boolean> => {
    const moved = old.startAt !== input.startAt || old.endAt !== input.endAt;
    if (!moved) return true;
    const warnings: string[] = [];
    const { signedIn } = await signIns(old.id);
    if (signedIn > 0) warnings.push(`已有 ${signedIn} 人签到，改动时间会影响他们的服务时长计算。`);
    if (Date.parse(input.startAt) < Date.now()) warnings.push(`新的开始时间 ${fmtDate(input.startAt)} ${fmtClock(input.startAt)} 已经过去。`);
    if (warnings.length === 0) return true;
    return confirm({ title: '确定修改任务时间？', content: `${warnings.join('')}报名党员会收到变更通知。`, confirmText: '仍然修改' });
  };

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
  const [cancelError, setCancelError] = useState('');
  const onCancelTask = async () => {
    const reason = (cancelReason ?? '').trim();
    // the reason goes to every signed-up member: no silent default (the function refuses an empty one too)
    if (!reason) return setCancelError('请填写取消原因，会通知已报名的党员');
    setCancelError('');
    const inNow = id ? (await signIns(id)).serving : 0;
    const warn = inNow > 0 ? `目前有 ${inNow} 人已签到、正在服务，取消后他们本次服务不计时长和积分。` : '';
    if (await confirm({ title: '确定取消该任务？', content: `${warn}原因：${reason}` })) void cancelTask.run(reason);
  };

  return (
    <View className='sbd-page task-edit'>
      <PageState loading={community.loading || (!existing.error && ((!!id && !filled) || !draft.settled))}
        error={community.error ?? existing.error} onRetry={existing.reload}>
        <DraftHint draft={draft} />
        {source && <Text className='task-hint'>来源：{source.kind === 'need' ? '需求清单' : '项目清单'}</Text>}
        <Card title='基本信息'>
          <Field title='任务名称' required name='title' placeholder='如：小区楼道杂物清理' value={form.title} onInput={(v) => set('title', v)} />
          <Field title='类别'>
            <Chips<TaskCategory> options={TASK_CATEGORIES.map((c) => ({ value: c, label: taskCategoryLabel[c] }))} value={form.category} onChange={(v) => v && set('category', v)} />
          </Field>
          <Field title='招募人数' required name='slots' type='number' value={form.slots} onInput={(v) => set('slots', v)} extra='人' />
          <Field title='报名范围'>
            <Chips<TaskAudience> options={taskAudience.options.map((a) => ({ value: a, label: taskAudienceLabel[a] }))} value={form.audience} onChange={(v) => v && set('audience', v)} />
          </Field>
          <Field title='所需技能' placeholder='可不填，多个用逗号分隔' value={form.skills} onInput={(v) => set('skills', v)} />
          <TextArea title='任务说明' placeholder='做什么、注意事项、需要携带的物品' value={form.description} maxlength={1000} onInput={(v) => set('description', v)} />
        </Card>
        <Card title='时间'>
          {TIME_FIELDS.map((f) => <PickerField key={f.key} arrow mode={f.mode} title={f.title} value={form[f.key]} onChange={(v) => set(f.key, v)} />)}
        </Card>
        <Card title='地点'>
          <Field title='地点名称' required name='place' placeholder='如：幸福社区党群服务中心' value={form.placeName} onInput={(v) => set('placeName', v)} />
          {process.env.TARO_ENV === 'weapp' ? (
            <View onClick={() => void pickPlace()}>
              <Field title='位置' arrow description='签到范围以此位置为圆心'>{form.lat ? `${Number(form.lat).toFixed(5)}, ${Number(form.lng).toFixed(5)}` : '在地图上选择'}</Field>
            </View>
          ) : (
            // the browser build has no map picker: the centre of the sign-in range is typed as coordinates
            <>
              <Field title='纬度' type='digit' placeholder='如 30.65710' value={form.lat} onInput={(v) => set('lat', v)} description='仅设置签到范围时需要，可在地图应用中查到' />
              <Field title='经度' type='digit' placeholder='如 104.08060' value={form.lng} onInput={(v) => set('lng', v)} />
            </>
          )}
          <Field title='签到范围' error={form.radius != null && !form.lat ? (process.env.TARO_ENV === 'weapp' ? '设置签到范围前请先在地图上选择位置' : '设置签到范围前请先填写位置的经纬度') : undefined}>
            <Chips<RadiusKey> options={RADII} value={radiusKey(form.radius)} onChange={(v) => set('radius', v && v !== 'none' ? Number(v) : null)} />
          </Field>
        </Card>
        {error && <View className='task-notice task-error'>{error}</View>}
        <View className='task-actions'>
          {status !== 'published' && <Button className='task-btn' loading={save.loading} disabled={save.busy || undefined} onClick={() => void save.run(true)}>保存并发布</Button>}
          <Button className={`task-btn${status === 'published' ? '' : ' task-btn--ghost'}`} loading={save.loading} disabled={save.busy || undefined} onClick={() => void save.run(false)}>
            {status === 'published' ? '保存修改并通知报名党员' : '保存草稿'}
          </Button>
          {id && (status === 'published' || status === 'draft') && cancelReason === null && <Button className='task-btn task-btn--plain' onClick={() => setCancelReason('')}>取消任务</Button>}
        </View>
        {/* outside the padded button column, so the card lines up with the form's cards */}
        {id && (status === 'published' || status === 'draft') && cancelReason !== null && (
          <Card title='取消任务'>
            <TextArea title='取消原因' required placeholder='会通知已报名的党员' value={cancelReason} error={cancelError || undefined} onInput={(v) => { setCancelReason(v); if (v.trim()) setCancelError(''); }} />
            <View className='task-btn-row'>
              <Button className='task-mini' loading={cancelTask.loading} disabled={cancelTask.busy || undefined} onClick={() => void onCancelTask()}>确认取消任务</Button>
              <Button className='task-mini' onClick={() => { setCancelReason(null); setCancelError(''); }}>返回</Button>
            </View>
          </Card>
        )}
      </PageState>
    </View>
  );
}
