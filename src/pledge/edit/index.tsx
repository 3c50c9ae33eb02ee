import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { pledgeType, pledgeTypeLabel, pledgeTargetKindLabel, type PledgeTargetDto, type PledgeType } from '@core/contracts/pledge';
import { taskCategory, taskCategoryLabel, type TaskCategory } from '@core/contracts/task';
import { api, askConsent, useAction, useQuery, warmConsent } from '../../api';
import { Card, Chips, Field, PageState, TextArea } from '../../components';
import { PickerField } from '../../components/sub/PickerField';
import { useDraft } from '../../components/sub/useDraft';
import { DraftHint } from '../../components/sub/DraftHint';
import { memberCanEdit } from '@core/domain/pledge';
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

const KINDS: Kind[] = ['tasks', 'hours', 'wishes', 'manual'];

type LinkOption = { kind: 'need' | 'project'; id: string; title: string };

/** 对应清单: optionally tie the pledge to one of the community's needs or projects. */
function LinkPicker({ options, current, value, onChange }: { options: LinkOption[]; current: LinkOption | null; value: Draft['link']; onChange: (l: Draft['link']) => void }) {
  // a linked item that has closed since stays selectable for this pledge
  const all = current && !options.some((o) => o.id === current.id) ? [current, ...options] : options;
  const labels = ['不对应', ...all.map((o) => `${o.kind === 'need' ? '需求' : '项目'}：${o.title}`)];
  const at = value ? all.findIndex((o) => o.id === value.id) + 1 : 0;
  return (
    <PickerField title='对应清单' arrow mode='selector' range={labels} value={labels[Math.max(0, at)]}
      description={all.length ? '可选：承诺回应社区需求清单或共建项目，审核时一并查看' : '社区暂无开放的需求或项目，可不选'}
      onChange={(i) => onChange(i > 0 ? { kind: all[i - 1].kind, id: all[i - 1].id } : null)} />
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
  // the draft is laid over the stored pledge only once the form holds it
  const [filled, setFilled] = useState(!id);
  useEffect(() => {
    if (!existing) return;
    setFilled(true);
    const t = existing.target;
    setD({
      type: existing.type, title: existing.title, kind: t.kind, amount: String(t.kind === 'hours' ? t.hours : t.count),
      category: t.kind === 'tasks' || t.kind === 'hours' ? t.category : null, unit: t.kind === 'manual' ? t.unit : '次', deadline: dateOf(existing.deadline),
      link: existing.link ? { kind: existing.link.kind, id: existing.link.id } : null,
    });
  }, [existing?.id]);
  // a pledge under review or public is not the member's to change: no draft for it
  const draft = useDraft({ page: 'pledge-edit', id, value: d, apply: setD, ready: !!q.data && (filled || !existing), enabled: !existing || memberCanEdit(existing.status) });
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
  }), { success: '已保存', onSuccess: () => { draft.clear(); void Taro.navigateBack(); } });
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
        loading={q.loading || (!!q.data && !draft.settled)} error={q.error} onRetry={q.reload}
        // not reported (or not yet approved): say so before the form, not after it is filled in
        empty={!id && !!q.data && !q.data.communityId} emptyText='尚未报到社区' emptyHint='报到通过后才能作承诺'
        emptyAction={<Button className='task-btn' onClick={() => void Taro.navigateTo({ url: '/pages/report/index' })}>去报到</Button>}
      >
        <DraftHint draft={draft} />
        <Card title={`${year} 年度承诺`}>
          <Field title='承诺类型' required>
            <Chips options={pledgeType.options.map((t) => ({ value: t, label: pledgeTypeLabel[t] }))} value={d.type} onChange={(t) => t && set({ type: t })} />
          </Field>
          <TextArea title='承诺内容' required value={d.title} maxlength={60} placeholder={`如：${EXAMPLES[d.type]}`} onInput={(title) => set({ title })}
            error={error?.field === 'title' ? error.message : undefined} />

          <Field title='目标类型' required>
            <Chips options={KINDS.map((k) => ({ value: k, label: pledgeTargetKindLabel[k] }))} value={d.kind} onChange={(k) => k && set({ kind: k })} />
          </Field>
          <Field title={d.kind === 'hours' ? '服务时长' : d.kind === 'wishes' ? '实现心愿' : d.kind === 'manual' ? '完成数量' : '参加次数'} required
            type='number' value={d.amount} maxlength={3} onInput={(amount) => set({ amount })}
            extra={d.kind === 'manual' ? d.unit : d.kind === 'hours' ? '小时' : d.kind === 'wishes' ? '个' : '次'}
            error={error?.field === 'amount' ? error.message : undefined} />
          {d.kind === 'manual' && <Field title='单位' value={d.unit} maxlength={6} placeholder='单位，如 条' onInput={(unit) => set({ unit })} />}
          {(d.kind === 'tasks' || d.kind === 'hours') && (
            <Field title='服务类别'>
              <Chips options={[{ value: null, label: '任意服务' }, ...taskCategory.options.filter((c) => c !== 'other').map((c) => ({ value: c, label: taskCategoryLabel[c] }))]}
                value={d.category} onChange={(category) => set({ category })} />
            </Field>
          )}
          <Text className='svc-hint'>
            {d.kind === 'manual' ? '自报完成数：每添加一条践诺记录算 1，年终由社区评定。' : '进度按社区确认的考勤和实现的微心愿自动累计，同一次服务只计入一项承诺。'}
          </Text>

          <LinkPicker options={links.data?.items ?? []} current={existing?.link ?? null} value={d.link} onChange={(link) => set({ link })} />

          <PickerField title='截止日期' required arrow mode='date' value={d.deadline} start={`${year}-01-01`} end={`${year}-12-31`} onChange={(deadline) => set({ deadline })} />
        </Card>
        <View className='task-actions'>
          <Button className='task-btn' loading={save.loading} onClick={() => void run(true)}>提交社区审核</Button>
          <Button className='task-btn task-btn--plain' disabled={save.loading ? true : undefined} onClick={() => void run(false)}>保存草稿</Button>
        </View>
      </PageState>
    </View>
  );
}
