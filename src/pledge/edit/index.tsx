import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { pledgeType, pledgeTypeLabel, pledgeTargetKindLabel, type PledgeTargetDto, type PledgeType } from '@core/contracts/pledge';
import { taskCategory, taskCategoryLabel, type TaskCategory } from '@core/contracts/task';
import { api, askConsent, useAction, useQuery, warmConsent } from '../../api';
import { Card, Field, PageState } from '../../components';
import { dateOf, endOfDay, newRequestId } from '../../features/service/format';
import '../../features/service/service.scss';
import '../../features/tasks/tasks.scss';

type Kind = PledgeTargetDto['kind'];
interface Draft { type: PledgeType; title: string; kind: Kind; amount: string; category: TaskCategory | null; unit: string; deadline: string; link: { kind: 'need' | 'project'; id: string } | null }

const EXAMPLES: Record<PledgeType, string> = {
  post: '认领小区楼栋长岗位，每月巡查一次',
  advice: '为小区停车治理提出建议',
  household: '结对联系 3 栋独居老人，每月上门探望',
  deed: '参加小区环境整治',
  model: '带头参加垃圾分类志愿服务',
  custom: '写明做什么、做多少',
};

function targetOf(d: Draft): PledgeTargetDto {
  const n = Number(d.amount);
  if (d.kind === 'hours') return { kind: 'hours', hours: n, category: d.category };
  if (d.kind === 'wishes') return { kind: 'wishes', count: n };
  if (d.kind === 'manual') return { kind: 'manual', count: n, unit: d.unit || '次' };
  return { kind: 'tasks', count: n, category: d.category };
}

type LinkOption = { kind: 'need' | 'project'; id: string; title: string };

/** 对应清单: optionally tie the pledge to one of the community's needs or projects. */
function LinkPicker({ options, current, value, onChange }: { options: LinkOption[]; current: LinkOption | null; value: Draft['link']; onChange: (l: Draft['link']) => void }) {
  // a linked item that has closed since stays selectable for this pledge
  const all = current && !options.some((o) => o.id === current.id) ? [current, ...options] : options;
  const labels = ['不对应', ...all.map((o) => `${o.kind === 'need' ? '需求' : '项目'}：${o.title}`)];
  const at = value ? all.findIndex((o) => o.id === value.id) + 1 : 0;
  return (
    <Field title='对应清单' description={all.length ? '可选：承诺回应社区需求清单或共建项目，审核时一并查看' : '社区暂无开放的需求或项目，可不选'}>
      <Picker mode='selector' range={labels} value={Math.max(0, at)} onChange={(e) => {
        const i = Number(e.detail.value);
        onChange(i > 0 ? { kind: all[i - 1].kind, id: all[i - 1].id } : null);
      }}>
        <View className='svc-input'>{labels[Math.max(0, at)]}</View>
      </Picker>
    </Field>
  );
}

/** Create or edit a pledge: type, what exactly, a target with a number, a deadline; save as draft or submit. */
export default function PledgeEdit() {
  const id = Taro.getCurrentInstance().router?.params.id;
  const q = useQuery(() => api.pledge.mine({}), []);
  const requestId = useRef(newRequestId());
  const year = q.data?.year ?? new Date().getFullYear();
  const [d, setD] = useState<Draft>({ type: 'deed', title: '', kind: 'tasks', amount: '6', category: 'environment', unit: '次', deadline: `${new Date().getFullYear()}-12-31`, link: null });
  // 对应清单: my community's needs and projects a pledge may answer (optional)
  const links = useQuery(() => api.pledge.linkOptions({}).catch(() => ({ items: [] })), []);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const existing = q.data?.items.find((p) => p.id === id);
  useEffect(() => {
    if (!existing) return;
    const t = existing.target;
    setD({
      type: existing.type, title: existing.title, kind: t.kind, amount: String(t.kind === 'hours' ? t.hours : t.count),
      category: t.kind === 'tasks' || t.kind === 'hours' ? t.category : null, unit: t.kind === 'manual' ? t.unit : '次', deadline: dateOf(existing.deadline),
      link: existing.link ? { kind: existing.link.kind, id: existing.link.id } : null,
    });
  }, [existing?.id]);
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: id ? '修改承诺' : '新建承诺' });
  }, [id]);

  const check = (): boolean => {
    if (d.title.trim().length < 4) { setError({ field: 'title', message: '请具体写明承诺内容（至少 4 个字）' }); return false; }
    const n = Number(d.amount);
    if (!Number.isInteger(n) || n < 1) { setError({ field: 'amount', message: '目标须是大于 0 的整数，如 6 次、20 小时' }); return false; }
    setError(null);
    return true;
  };
  const save = useAction((submit: boolean) => api.pledge.save({
    id, requestId: requestId.current, type: d.type, title: d.title.trim(), target: targetOf(d), deadline: endOfDay(d.deadline), link: d.link, submit,
  }), { success: '已保存', onSuccess: () => void Taro.navigateBack() });
  useEffect(warmConsent, []);
  const run = async (submit: boolean) => {
    if (!check()) return;
    // submitting asks consent for the review result and the reminders (once per pledge form)
    if (submit) await askConsent('pledge', id ?? requestId.current);
    void save.run(submit);
  };
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });

  return (
    <View className='sbd-page'>
      <PageState
        loading={q.loading} error={q.error} onRetry={q.reload}
        // not reported (or not yet approved): say so before the form, not after it is filled in
        empty={!id && !!q.data && !q.data.communityId} emptyText='尚未报到社区' emptyHint='报到通过后才能作承诺'
        emptyAction={<Button className='task-btn' onClick={() => void Taro.navigateTo({ url: '/pages/report/index' })}>去报到</Button>}
      >
        <Card title={`${year} 年度承诺`}>
          <Text className='svc-form-label svc-form-label--req'>承诺类型</Text>
          <View className='task-btn-row'>
            {pledgeType.options.map((t) => <Text key={t} className={`task-chip${d.type === t ? ' task-chip--on' : ''}`} onClick={() => set({ type: t })}>{pledgeTypeLabel[t]}</Text>)}
          </View>
          <Text className='svc-form-label svc-form-label--req'>承诺内容</Text>
          <Textarea className='svc-textarea' value={d.title} maxlength={60} placeholder={`如：${EXAMPLES[d.type]}`} onInput={(e) => set({ title: e.detail.value })} />
          {error?.field === 'title' && <Text className='svc-error'>{error.message}</Text>}

          <Text className='svc-form-label svc-form-label--req'>可检查的目标</Text>
          <View className='task-btn-row'>
            {(['tasks', 'hours', 'wishes', 'manual'] as Kind[]).map((k) => <Text key={k} className={`task-chip${d.kind === k ? ' task-chip--on' : ''}`} onClick={() => set({ kind: k })}>{pledgeTargetKindLabel[k]}</Text>)}
          </View>
          <View className='svc-row' style={{ marginTop: '8px' }}>
            <Text>{d.kind === 'hours' ? '服务' : d.kind === 'wishes' ? '实现' : d.kind === 'manual' ? '完成' : '参加'}</Text>
            <Input className='svc-input svc-num' type='number' value={d.amount} maxlength={3} onInput={(e) => set({ amount: e.detail.value })} />
            {d.kind === 'manual'
              ? <Input className='svc-input svc-num' value={d.unit} maxlength={6} placeholder='单位，如 条' onInput={(e) => set({ unit: e.detail.value })} />
              : <Text>{d.kind === 'hours' ? '小时' : d.kind === 'wishes' ? '个微心愿' : '次'}</Text>}
          </View>
          {error?.field === 'amount' && <Text className='svc-error'>{error.message}</Text>}
          {(d.kind === 'tasks' || d.kind === 'hours') && (
            <View className='task-btn-row'>
              <Text className={`task-chip${d.category === null ? ' task-chip--on' : ''}`} onClick={() => set({ category: null })}>任意服务</Text>
              {taskCategory.options.filter((c) => c !== 'other').map((c) => <Text key={c} className={`task-chip${d.category === c ? ' task-chip--on' : ''}`} onClick={() => set({ category: c })}>{taskCategoryLabel[c]}</Text>)}
            </View>
          )}
          <Text className='svc-hint'>
            {d.kind === 'manual' ? '自报完成数：每添加一条践诺记录算 1，年终由社区评定。' : '进度按社区确认的考勤和实现的微心愿自动累计，同一次服务只计入一项承诺。'}
          </Text>

          <LinkPicker options={links.data?.items ?? []} current={existing?.link ?? null} value={d.link} onChange={(link) => set({ link })} />

          <Text className='svc-form-label svc-form-label--req'>截止日期</Text>
          <Picker mode='date' value={d.deadline} start={`${year}-01-01`} end={`${year}-12-31`} onChange={(e) => set({ deadline: e.detail.value })}>
            <View className='svc-input'>{d.deadline}</View>
          </Picker>
        </Card>
        <View className='task-actions'>
          <Button className='task-btn' loading={save.loading} onClick={() => void run(true)}>提交社区审核</Button>
          <Button className='task-btn task-btn--plain' disabled={save.loading ? true : undefined} onClick={() => void run(false)}>保存草稿</Button>
        </View>
      </PageState>
    </View>
  );
}
