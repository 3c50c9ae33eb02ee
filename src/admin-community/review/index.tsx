import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { reviewStatusLabel, type ReviewStatusDto, type ReviewViewDto } from '@core/contracts/gongshi';
import { fmtDateTime, fmtMinutes } from '@core/format';
import { api, newRequestId } from '../../api';
import { useScopedPagedList } from '../../api/useScopedPagedList';
import { Card, Chips, ListFooter, PageState, StatusTag, TextArea, confirm, toastSuccess } from '../../components';
import { useAdminScope } from '../../features/report';
import '../../gongshi/list/index.scss';
import './index.scss';

const STATUS: Array<{ value: ReviewStatusDto; label: string }> = [
  { value: 'awaiting', label: '待复核' }, { value: 'approved', label: '已通过' }, { value: 'rejected', label: '已驳回' },
];
const KIND = { attendance: '补录考勤', adjust: '积分调整' } as const;

/**
 * 手工录入复核: hand-made credits (补录考勤, adjustments above the rule's threshold) of this community
 * wait here for a second admin. 通过 posts the credit (it enters the next 公示); 驳回 needs a reason.
 * One's own entries are shown but cannot be decided (the function refuses them too).
 */
export default function Reviews() {
  const scope = useAdminScope(['community']);
  const { status, setStatus, list } = useScopedPagedList(scope.scopeId, 'awaiting' as ReviewStatusDto, (communityId, s, page, pageSize) =>
    api.gongshi.reviews({ communityId, status: s, page, pageSize }));
  return (
    <View className='sbd-page'>
      <View className='gs-head'>手工录入的积分（补录考勤、较大的积分调整）须由本社区另一位管理员复核，通过后才进入公示并计分。</View>
      <Chips options={STATUS} value={status} onChange={(v) => setStatus((v ?? 'awaiting') as ReviewStatusDto)} />
      <PageState loading={scope.loading || list.loading} error={scope.error ?? list.error} onRetry={list.reload} empty={list.items.length === 0}
        emptyText={status === 'awaiting' ? '没有待复核的手工录入' : status === 'approved' ? '还没有复核通过的记录' : '还没有驳回的记录'} emptyHint='管理员补录的考勤和超过规则分值的积分调整会出现在这里'>
        {list.items.map((r) => <ReviewCard key={r.id} r={r} onDone={list.reload} />)}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}

function ReviewCard({ r, onDone }: { r: ReviewViewDto; onDone: () => Promise<void> | void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // one id per decision on this card: a double tap or a retry decides once
  const [requestId] = useState(newRequestId);
  const what = `${r.name}「${r.title}」${r.amount > 0 ? '+' : ''}${r.amount} 分`;
  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && reason.trim().length < 2) { setError('请填写驳回理由'); return; }
    setError('');
    const ok = await confirm(decision === 'approve'
      ? { title: '确认复核通过？', content: `${what}将计入积分并进入下一期公示，公示期满无异议后生效。`, danger: false }
      : { title: '确认驳回？', content: `${what}不计分，录入人和党员会收到驳回理由。`, danger: true });
    if (!ok) return;
    setBusy(true);
    try {
      await api.gongshi.review({ reviewId: r.id, decision, reason: decision === 'reject' ? reason.trim() : undefined, requestId: `${requestId}${decision === 'approve' ? 'a' : 'r'}` });
      toastSuccess(decision === 'approve' ? '已复核通过' : '已驳回');
      await onDone();
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <Card title={`${r.name} · ${KIND[r.kind]}`} extra={<Text className='gs-item__amount'>{r.amount > 0 ? '+' : ''}{r.amount} 分</Text>}>
      <View>{r.title}{r.minutes ? ` · ${fmtMinutes(r.minutes)}` : ''}</View>
      <View className='gs-item__line'>
        <Text className='gs-item__muted'>{r.mine ? '我' : r.makerName} 手工录入 · {fmtDateTime(r.createdAt)}</Text>
        <StatusTag tone={r.status === 'awaiting' ? 'warning' : r.status === 'approved' ? 'success' : 'danger'} text={reviewStatusLabel[r.status]} />
      </View>
      {r.reason && r.kind === 'adjust' && <View className='gs-item__muted'>调整原因：{r.reason}</View>}
      {r.status !== 'awaiting' && (
        <View className='gs-item__muted'>{r.decidedByName ?? '管理员'} {r.decidedAt ? fmtDateTime(r.decidedAt) : ''} {r.status === 'approved' ? '复核通过' : `驳回：${r.decisionReason ?? ''}`}</View>
      )}
      {r.status === 'awaiting' && r.mine && <View className='gs-item__muted'>这是您录入的，须由本社区另一位管理员复核。</View>}
      {r.status === 'awaiting' && !r.mine && (
        <View className='gs-form'>
          {rejecting && <TextArea title='驳回理由' required value={reason} onInput={setReason} maxlength={300} placeholder='例如：签到表上没有此人' error={error} />}
          {!rejecting && error && <Text className='rv-error'>{error}</Text>}
          <View className='gs-form__actions'>
            {rejecting
              ? <Text className='gs-btn gs-btn--plain' onClick={() => { setRejecting(false); setError(''); }}>取消</Text>
              : <Text className='gs-btn gs-btn--plain' onClick={() => setRejecting(true)}>驳回</Text>}
            <Text className={`gs-btn${busy ? ' gs-btn--busy' : ''}`} onClick={() => void (busy ? null : decide(rejecting ? 'reject' : 'approve'))}>
              {busy ? '提交中…' : rejecting ? '确认驳回' : '复核通过'}
            </Text>
          </View>
        </View>
      )}
    </Card>
  );
}
