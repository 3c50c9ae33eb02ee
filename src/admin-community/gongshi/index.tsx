import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ObjectionDecisionDto, ObjectionViewDto } from '@core/contracts/gongshi';
import { fmtDateTime } from '@core/format';
import { api } from '../../api';
import { useScopedPagedList } from '../../api/useScopedPagedList';
import { Card, Chips, Field, ListFooter, PageState, StatusTag, TextArea, confirm, toastSuccess } from '../../components';
import { useAdminScope } from '../../features/report';
import '../../gongshi/list/index.scss';

const DECISIONS: Array<{ value: ObjectionDecisionDto; label: string }> = [
  { value: 'keep', label: '维持' }, { value: 'adjust', label: '调整' }, { value: 'revoke', label: '撤销' },
];
const LABEL = { keep: '维持', adjust: '调整', revoke: '撤销' } as const;

/**
 * 公示异议处理: objections to this community's 积分公示, open first. The admin rules 维持 / 调整 (new
 * amount) / 撤销 with a reason before the deadline; 调整 and 撤销 are new ledger entries, never edits.
 */
export default function GongshiObjections() {
  const scope = useAdminScope(['community']);
  const { status, setStatus, list } = useScopedPagedList(scope.scopeId, 'open' as 'open' | 'ruled', (communityId, s, page, pageSize) =>
    api.gongshi.objections({ communityId, status: s, page, pageSize }));
  return (
    <View className='sbd-page'>
      <Chips options={[{ value: 'open', label: '待处理' }, { value: 'ruled', label: '已处理' }]} value={status} onChange={(v) => setStatus((v ?? 'open') as 'open' | 'ruled')} />
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText={status === 'open' ? '没有待处理的异议' : '还没有处理过的异议'} emptyHint='党员对积分公示提出的异议会出现在这里'>
        {list.items.map((o) => <Objection key={o.id} o={o} onDone={list.reload} />)}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}

function Objection({ o, onDone }: { o: ObjectionViewDto; onDone: () => Promise<void> | void }) {
  const [decision, setDecision] = useState<ObjectionDecisionDto | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  // shown under 调整后分值, the field it is about
  const [amountError, setAmountError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setAmountError('');
    if (!decision) { setError('请选择处理结果'); return; }
    const n = Number(amount);
    if (decision === 'adjust' && (amount.trim() === '' || !Number.isInteger(n))) { setError(''); setAmountError('请填写调整后的分值（整数）'); return; }
    if (reason.trim().length < 2) { setError('请填写处理理由'); return; }
    setError('');
    const what = decision === 'adjust' ? `调整为 ${n} 分` : LABEL[decision];
    if (!(await confirm({ title: `确认${LABEL[decision]}？`, content: `「${o.memberName} ${o.title}」${o.amount} 分：${what}。党员和异议人都会收到通知，处理后不能更改。`, danger: decision !== 'keep' }))) return;
    setBusy(true);
    try {
      await api.gongshi.rule({ objectionId: o.id, decision, amount: decision === 'adjust' ? n : undefined, reason: reason.trim() });
      toastSuccess('已处理');
      await onDone();
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <Card title={`${o.memberName} · ${o.title}`} extra={<Text className='gs-item__amount'>{o.amount} 分</Text>}>
      {/* block rows: inline Text ran the time into the reason on h5 ("05:45理由") */}
      <View className='gs-item__muted'>异议人 {o.objectorName} · {fmtDateTime(o.createdAt)}{o.handMade ? ' · 手工录入（已复核）' : ''}</View>
      <View>理由：{o.reason}</View>
      <View className='gs-item__line'>
        <Text className='gs-item__muted'>处理期限 {fmtDateTime(o.deadline)}</Text>
        {o.status === 'open' ? <StatusTag tone={o.overdue ? 'danger' : 'warning'} text={o.overdue ? '已逾期' : '待处理'} /> : <StatusTag tone='success' text={`已${LABEL[o.ruling!.decision]}`} />}
      </View>
      {o.ruling && <View className='gs-item__muted'>处理：{LABEL[o.ruling.decision]}{o.ruling.amount !== null ? ` 为 ${o.ruling.amount} 分` : ''}。{o.ruling.reason}</View>}
      {o.status === 'open' && (
        <View className='gs-form'>
          <Chips options={DECISIONS} value={decision} onChange={(v) => setDecision(v as ObjectionDecisionDto | null)} />
          {decision === 'adjust' && (
            <Field title='调整后分值' type='number' value={amount} placeholder={`原 ${o.amount} 分`} extra='分' maxlength={6} error={amountError} onInput={(v) => { setAmount(v); setAmountError(''); }} />
          )}
          <TextArea title='处理理由' required value={reason} onInput={setReason} maxlength={300} placeholder='核实的情况和依据' error={error} />
          <View className='gs-form__actions'>
            <Text className={`gs-btn${busy ? ' gs-btn--busy' : ''}`} onClick={() => void (busy ? null : submit())}>{busy ? '提交中…' : '提交处理结果'}</Text>
          </View>
        </View>
      )}
    </Card>
  );
}
