import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { pledgePhaseLabel, pledgeTypeLabel, type PledgeAdminTab, type PledgeOutcomeDto } from '@core/contracts/pledge';
import { api, useAction } from '../../api';
import { useScopedPagedList } from '../../api/useScopedPagedList';
import { Card, Field, ListFooter, PageState, StatusTag, TextArea, confirm } from '../../components';
import { Tabs } from '../../components';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import { PhotoPicker } from '../../features/service/PhotoPicker';
import { RatingLine } from '../../features/service/RatingLine';
import { ProgressBar } from '../../features/service/ProgressBar';
import { dateOf, pledgePhaseTone, unitOf } from '../../features/service/format';
import '../../features/report/report.scss';
import '../../features/service/service.scss';
import '../../features/tasks/tasks.scss';

const TABS: Array<{ value: PledgeAdminTab; label: string }> = [
  { value: 'submitted', label: '待审核' }, { value: 'due', label: '待评诺' }, { value: 'approved', label: '已公示' }, { value: 'reviewed', label: '已评诺' },
];
const OUTCOMES: Array<{ value: PledgeOutcomeDto; label: string }> = [{ value: 'fulfilled', label: '已践诺' }, { value: 'partly', label: '部分践诺' }, { value: 'unfulfilled', label: '未践诺' }];
interface Verdict { outcome: PledgeOutcomeDto; reason: string; objective: boolean }

/**
 * 承诺审核与评诺: batch approve (公示) or return vague pledges with a reason; at the year end, judge
 * each pledge with its automatic progress in view — points follow from the rules, once.
 */
export default function PledgeAdmin() {
  const community = useAdminCommunity();
  const cid = community.communityId;
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [picked, setPicked] = useState<string[]>([]);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  // the tab labels carry each tab's count from the last answer
  const { status: tab, setStatus: setTab, list } = useScopedPagedList(cid, 'submitted' as PledgeAdminTab, (communityId, t, page, pageSize) =>
    api.pledge.adminList({ communityId, tab: t, page, pageSize }).then((r) => { setCounts(r.counts); return r; }));
  const after = (r: { done: unknown[]; skipped: Array<{ message: string }> }) => {
    setPicked([]); setReturning(false); setReason(''); setVerdicts({});
    if (r.skipped.length) void confirm({ title: `${r.done.length} 项已处理，${r.skipped.length} 项未处理`, content: r.skipped.map((s) => s.message).join('；'), danger: false });
    void list.reload();
  };
  const decide = useAction((decision: 'approve' | 'return') => api.pledge.decide({ ids: picked, decision, reason }), { success: '已处理', onSuccess: after });
  const review = useAction(() => api.pledge.review({ items: picked.map((id) => ({ id, ...(verdicts[id] ?? { outcome: 'fulfilled', reason: '', objective: false }) })) }), { success: '评诺完成', onSuccess: after });
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const all = () => setPicked(picked.length === list.items.length ? [] : list.items.map((i) => i.id));
  const selectable = tab === 'submitted' || tab === 'due';
  const verdictOf = (id: string): Verdict => verdicts[id] ?? { outcome: 'fulfilled', reason: '', objective: false };
  const setVerdict = (id: string, v: Partial<Verdict>) => setVerdicts((m) => ({ ...m, [id]: { ...verdictOf(id), ...v } }));
  const missingReason = picked.some((id) => verdictOf(id).outcome !== 'fulfilled' && verdictOf(id).reason.trim().length < 2);

  return (
    <View className='sbd-page'>
      <PageState loading={community.loading} error={community.error}>
        <Tabs tabs={TABS.map((t) => ({ value: t.value, label: counts[t.value] !== undefined && t.value !== 'reviewed' ? `${t.label} ${counts[t.value]}` : t.label }))} value={tab} onChange={(v) => { setTab(v); setPicked([]); }} />
        {tab === 'due' && <Text className='task-hint'>到期或已完成目标的承诺。进度由考勤和微心愿自动计算；部分践诺、未践诺须写明原因，客观原因会在承诺墙说明。</Text>}
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText={tab === 'submitted' ? '没有待审核的承诺' : tab === 'due' ? '没有待评诺的承诺' : '暂无承诺'}>
          {list.items.map((p) => {
            const v = verdictOf(p.id);
            return (
              <Card key={p.id} title={
                <View className='svc-select' onClick={selectable ? () => toggle(p.id) : undefined}>
                  {selectable && <Text className={`svc-check${picked.includes(p.id) ? ' svc-check--on' : ''}`}>✓</Text>}
                  <Text className='svc-title'>{p.name}{p.unitName ? ` · ${p.unitName}` : ''}</Text>
                </View>
              } extra={<StatusTag tone={pledgePhaseTone[p.phase]} text={pledgePhaseLabel[p.phase]} />}>
                <Text className='svc-line'><Text className='svc-type'>{pledgeTypeLabel[p.type]}</Text>{p.title}</Text>
                <Text className='svc-target'>目标：{p.targetText}</Text>
                <Text className='svc-line svc-line--muted'>截止 {dateOf(p.deadline)}</Text>
                {tab !== 'submitted' && <ProgressBar done={p.progress.done} goal={p.progress.goal} percent={p.progress.percent} unit={unitOf(p.target)} />}
                {p.evidence.map((e) => (
                  <View key={e.id}><Text className='svc-line svc-line--muted'>{dateOf(e.createdAt)} {e.text}</Text>{e.photos.length > 0 && <PhotoPicker value={e.photos} urls={e.photoUrls} readOnly />}</View>
                ))}
                {p.selfEval && <Text className='svc-line'>自评：{p.selfEval.text}</Text>}
                {tab !== 'submitted' && <RatingLine ratings={p.ratings} always />}
                {p.review && <Text className='svc-line'>评诺：{pledgePhaseLabel[p.review.outcome]}{p.review.points ? ` · +${p.review.points} 分` : ''}{p.review.reason ? ` · ${p.review.reason}` : ''}</Text>}
                {tab === 'due' && picked.includes(p.id) && (
                  <View>
                    <View className='task-btn-row'>
                      {OUTCOMES.map((o) => <Text key={o.value} className={`task-chip${v.outcome === o.value ? ' task-chip--on' : ''}`} onClick={() => setVerdict(p.id, { outcome: o.value })}>{o.label}</Text>)}
                    </View>
                    {v.outcome !== 'fulfilled' && (
                      <View>
                        <Field title='原因' required value={v.reason} maxlength={200} placeholder='请写明原因（必填）' onInput={(reason) => setVerdict(p.id, { reason })} />
                        <View className='svc-select' style={{ marginTop: '8px' }} onClick={() => setVerdict(p.id, { objective: !v.objective })}>
                          <Text className={`svc-check${v.objective ? ' svc-check--on' : ''}`}>✓</Text><Text className='svc-line'>客观原因（公开说明，不作批评）</Text>
                        </View>
                      </View>
                    )}
                  </View>
                )}
              </Card>
            );
          })}
          <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
        </PageState>
        {returning && (
          <Card title='退回原因'>
            <TextArea value={reason} maxlength={200} placeholder='如：目标不具体，请写明次数或时长' onInput={setReason}
              description={reason.trim().length < 2 ? '退回时请写明原因，党员会看到并据此修改' : undefined} />
          </Card>
        )}
        {selectable && list.items.length > 0 && (
          <View className='svc-bar'>
            <Text className='svc-bar__info' onClick={all}>{picked.length === list.items.length ? '取消全选' : '全选'} · 已选 {picked.length}</Text>
            {tab === 'submitted' && !returning && <Button className='task-mini' disabled={!picked.length ? true : undefined} onClick={() => setReturning(true)}>退回修改</Button>}
            {tab === 'submitted' && returning && <Button className='task-mini' disabled={!picked.length || reason.trim().length < 2 ? true : undefined} loading={decide.loading} onClick={() => void decide.run('return')}>确认退回</Button>}
            {tab === 'submitted' && <Button className='task-mini' disabled={!picked.length ? true : undefined} loading={decide.loading} onClick={() => void decide.run('approve')}>通过并公示</Button>}
            {tab === 'due' && <Button className='task-mini' disabled={!picked.length || missingReason ? true : undefined} loading={review.loading} onClick={() => void review.run()}>提交评诺</Button>}
          </View>
        )}
      </PageState>
    </View>
  );
}
