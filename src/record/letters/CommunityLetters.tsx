import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { LetterDto, LetterStatus } from '@core/contracts/record';
import { quarterOf } from '@core/domain/record';
import { fmtDate } from '@core/format';
import { api, newRequestId, useAction, usePagedList } from '../../api';
import { Card, Chips, Field, ListFooter, PageState, Tabs, TextArea, confirm, toastError } from '../../components';
import { FormActions, LetterCard, LetterPdfButton } from '../../features/record';
import { useAdminScope } from '../../features/report';

type Grade = NonNullable<LetterDto['grade']>;
const GRADES: Grade[] = ['优秀', '合格', '基本合格', '不合格'];

/** Letter periods an admin drafts: last quarter, this quarter, this year, last year. */
function periods(now: Date) {
  const { year, q } = quarterOf(now);
  const last = q === 1 ? { year: year - 1, q: 4 } : { year, q: q - 1 };
  return [
    { value: `${last.year}Q${last.q}`, label: `${last.year} 年第 ${last.q} 季度` },
    { value: `${year}Q${q}`, label: '本季度' },
    { value: `${year}`, label: `${year} 年度` },
    { value: `${year - 1}`, label: `${year - 1} 年度` },
  ];
}

/** 社区: draft letters for a period, answer disputes, confirm and send in one batch; answer 出具意见. */
export function CommunityLetters() {
  const scope = useAdminScope(['community']);
  const id = scope.scopeId;
  const choices = useMemo(() => periods(new Date()), []);
  const [period, setPeriod] = useState(choices[0].value);
  const [tab, setTab] = useState<LetterStatus>('draft');
  const [answering, setAnswering] = useState<{ id: string; line: string } | null>(null);
  const [answer, setAnswer] = useState('');
  const [value, setValue] = useState('');
  const [opinion, setOpinion] = useState<{ id: string; text: string; grade: Grade } | null>(null);
  const [editing, setEditing] = useState<{ id: string; comment: string; grade: Grade } | null>(null);
  const list = usePagedList(
    (page) => (id ? api.record.communityLetters({ communityId: id, periodKey: tab === 'requested' ? undefined : period, status: tab, page, pageSize: 20 }) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 })),
    [id, tab, period],
  );
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  const draft = useAction(() => api.record.draftLetters({ communityId: id!, period, requestId: newRequestId() }), {
    onSuccess: (r) => {
      void Taro.showToast({ title: `新生成 ${r.drafted} 份，更新 ${r.refreshed} 份`, icon: 'none' });
      setTab('draft');
      void list.reload();
    },
  });
  // every draft of the period, SEND_BATCH per call until none remain (not just the loaded page)
  const send = useAction(async (early: boolean) => {
    const requestId = newRequestId();
    let sent = 0, skipped = 0;
    for (let i = 0; i < 200; i++) {
      const r = await api.record.confirmLetters({ communityId: id!, period, early, requestId: `${requestId}-${i}` });
      sent += r.sent.length;
      skipped += r.skipped.length;
      if (r.remaining === 0 || r.sent.length === 0) break;
    }
    return { sent, skipped };
  }, {
    onSuccess: (r) => {
      void Taro.showToast({ title: r.sent ? `已发送 ${r.sent} 份${r.skipped ? `，${r.skipped} 份未发送` : ''}` : '没有可发送的反馈单', icon: 'none' });
      void list.reload();
    },
  });
  const reply = useAction(() => api.record.answerDispute({ id: answering!.id, line: answering!.line as never, answer, value: value.trim() || undefined }), {
    success: '已答复',
    onSuccess: () => {
      setAnswering(null);
      setAnswer('');
      setValue('');
      void list.reload();
    },
  });
  const giveOpinion = useAction(() => api.record.answerOpinion({ id: opinion!.id, text: opinion!.text, grade: opinion!.grade }), {
    success: '已出具',
    onSuccess: () => {
      setOpinion(null);
      void list.reload();
    },
  });
  const save = useAction(() => api.record.editLetter({ id: editing!.id, comment: editing!.comment, grade: editing!.grade }), {
    success: '已保存',
    onSuccess: () => {
      setEditing(null);
      void list.reload();
    },
  });
  const onSend = async () => {
    const held = list.items.filter((l) => l.status === 'draft' && l.openDisputes > 0).length;
    const heldText = held ? `有未答复异议的 ${held} 份暂不发送。` : '';
    const until = list.items.map((l) => l.disputeUntil).filter((d): d is string => !!d && new Date(d).getTime() > Date.now()).sort().pop();
    if (until) {
      // the members' dispute window is still open: sending now is an explicit, confirmed choice
      if (await confirm({ title: '党员异议期尚未结束', content: `本期反馈单的异议期至 ${fmtDate(until)}。现在发送，党员将不能再对内容提出异议。${heldText}确定提前发送本期全部 ${list.total} 份？`, confirmText: '提前发送', danger: true })) await send.run(true);
      return;
    }
    if (await confirm({ title: `确认发送本期全部 ${list.total} 份反馈单？`, content: `发送后编号生成、内容不可再改，单位将收到通知。${heldText}`, confirmText: '确认发送', danger: false })) await send.run(false);
  };
  const onOpinion = async () => {
    if (!opinion || opinion.text.trim().length < 5) return toastError('请填写意见（至少 5 个字）');
    if (await confirm({ title: '出具意见？', content: '出具后生成编号并发送给单位，不能修改。', confirmText: '出具', danger: false })) await giveOpinion.run();
  };
  const empty = { draft: '该期间没有草稿，点“生成草稿”根据记实档案生成', sent: '该期间还没有发送的反馈单', acknowledged: '该期间还没有单位回执', requested: '没有待出具的意见' }[tab];
  return (
    <View className='sbd-page'>
      <Card title='反馈单'>
        <Text className='rf-hint'>每季度初自动按记实档案为本社区报到且单位已确认的党员生成上季度反馈单草稿（1 月还生成上年度），也可手动生成；党员可在 7 天内对某一项提出异议，异议期满后确认发送给单位。</Text>
        <View style={{ margin: '8px -16px 0' }}>
          <Chips<string> options={choices} value={period} onChange={(v) => v && setPeriod(v)} />
        </View>
        <View className='rf-btn-row'>
          <Button className='rf-mini' size='mini' loading={draft.loading} disabled={!id} onClick={() => void draft.run()}>
            生成草稿
          </Button>
          {tab === 'draft' && list.items.length > 0 && (
            <Button className='rf-mini' size='mini' loading={send.loading} onClick={() => void onSend()}>
              确认发送（{list.total}）
            </Button>
          )}
        </View>
      </Card>
      <Tabs<LetterStatus> tabs={[{ value: 'draft', label: '草稿' }, { value: 'sent', label: '已发送' }, { value: 'acknowledged', label: '已回执' }, { value: 'requested', label: '出具意见' }]} value={tab} onChange={setTab} />
      <PageState loading={scope.loading || list.loading} error={scope.error ?? list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText={empty}>
        {list.items.map((l) => (
          <LetterCard
            key={l.id}
            l={l}
            lineAction={(x) =>
              l.status === 'draft' && x.dispute && !x.dispute.answer ? (
                answering?.id === l.id && answering.line === x.key ? (
                  <View>
                    <TextArea value={answer} maxlength={200} placeholder='答复党员（必填）' onInput={setAnswer} />
                    <TextArea value={value} maxlength={100} placeholder={`更正后的内容（不改则留空，原为“${x.value}”）`} onInput={setValue} />
                    <FormActions label='提交答复' loading={reply.loading} onSubmit={() => (answer.trim().length < 2 ? toastError('请填写答复（至少 2 个字）') : void reply.run())} onCancel={() => setAnswering(null)} />
                  </View>
                ) : (
                  <View className='rf-btn-row'>
                    <Button className='rf-mini rf-mini--danger' size='mini' onClick={() => (setAnswering({ id: l.id, line: x.key }), setAnswer(''), setValue(''))}>
                      答复异议
                    </Button>
                  </View>
                )
              ) : null
            }
          >
            {(l.status === 'sent' || l.status === 'acknowledged') && <LetterPdfButton id={l.id} />}
            {l.status === 'draft' && editing?.id !== l.id && (
              <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => setEditing({ id: l.id, comment: l.comment, grade: l.grade ?? l.suggestedGrade ?? '合格' })}>
                评语与等次
              </Button>
            )}
            {editing?.id === l.id && (
              <View style={{ flex: 1 }}>
                <Field title='等次' required description={`规则建议：${l.suggestedGrade ?? '—'}；答复异议更正了内容时可在此调整`}>
                  <Text>{editing.grade}</Text>
                </Field>
                <Chips<Grade> options={GRADES.map((g) => ({ value: g, label: g }))} value={editing.grade} onChange={(g) => g && setEditing({ ...editing, grade: g })} />
                <TextArea title='社区评语' value={editing.comment} maxlength={300} placeholder='如：按时参加社区活动，服务认真' description='选填，随反馈单发送给单位' onInput={(comment) => setEditing({ ...editing, comment })} />
                <FormActions label='保存' loading={save.loading} onSubmit={() => void save.run()} onCancel={() => setEditing(null)} />
              </View>
            )}
            {l.status === 'requested' && opinion?.id !== l.id && (
              <Button className='rf-mini' size='mini' onClick={() => setOpinion({ id: l.id, text: '', grade: '合格' })}>
                出具意见
              </Button>
            )}
            {opinion?.id === l.id && (
              <View style={{ flex: 1 }}>
                <Chips<Grade> options={GRADES.map((g) => ({ value: g, label: g }))} value={opinion.grade} onChange={(g) => g && setOpinion({ ...opinion, grade: g })} />
                <TextArea value={opinion.text} maxlength={500} placeholder='对该同志报到服务情况的意见（至少 5 个字）' onInput={(text) => setOpinion({ ...opinion, text })} />
                <FormActions label='出具' loading={giveOpinion.loading} onSubmit={() => void onOpinion()} onCancel={() => setOpinion(null)} />
              </View>
            )}
          </LetterCard>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
