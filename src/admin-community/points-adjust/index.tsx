import { Button, Text, View } from '@tarojs/components';
import { MemberPhone } from '../../features/report/MemberPhone';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { EntryDto } from '@core/contracts/points';
import { api, useAction, usePagedList } from '../../api';
import { Card, Chips, Field, ListFooter, PageState, SearchBar, TextArea, confirm, toastSuccess } from '../../components';
import { EntryRow, RulesCard, fmtPoints, newRequestId } from '../../features/points';
import '../../features/points/points.scss';

interface Picked { openid: string; name: string; phone: string }
const SIGNS = [{ value: 'plus' as const, label: '加分' }, { value: 'minus' as const, label: '扣分' }];

/** 积分调整: find a member of my community, see their entries, adjust with a reason, reverse an entry. */
export default function PointsAdjustPage() {
  const param = Taro.getCurrentInstance().router?.params?.communityId;
  const communityId = param ? decodeURIComponent(param) : undefined;
  const [picked, setPicked] = useState<Picked | null>(null);
  // kept here, above both views: going back to the search and into a member again keeps the keyword
  // and the half-typed adjustment of each member
  const [keyword, setKeyword] = useState('');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  return picked ? (
    <MemberLedger member={picked} onBack={() => setPicked(null)}
      draft={drafts[picked.openid] ?? EMPTY_DRAFT} onDraft={(d) => setDrafts((all) => ({ ...all, [picked.openid]: d }))} />
  ) : (
    <MemberSearch communityId={communityId} onPick={setPicked} keyword={keyword} onKeyword={setKeyword} />
  );
}

interface Draft { sign: 1 | -1; amount: string; reason: string }
const EMPTY_DRAFT: Draft = { sign: 1, amount: '', reason: '' };

interface MemberSearchProps { communityId?: string; onPick: (m: Picked) => void; keyword: string; onKeyword: (k: string) => void }
function MemberSearch({ communityId, onPick, keyword, onKeyword }: MemberSearchProps) {
  const [cid, setCid] = useState<string | null>(communityId ?? null);
  const list = usePagedList(async (page) => {
    const res = await api.points.communityMembers({ communityId, keyword: keyword || undefined, page, pageSize: 20 });
    setCid(res.communityId);
    return res;
  }, [keyword]);
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  return (
    <View className='sbd-page'>
      <SearchBar placeholder='输入姓名查找本社区党员' initial={keyword} onSearch={onKeyword} />
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0}
        emptyText={keyword ? '没有找到该党员' : '本社区暂无已报到党员'} emptyHint={keyword ? '请检查姓名后重试' : '党员报到审核通过后会出现在这里'}>
        <Card>
          {list.items.map((m) => (
            <View key={m.openid} className='pts-row' onClick={() => onPick(m)}>
              <Text className='pts-row__name'>{m.name || '未填写姓名'}</Text>
              <Text className='pts-row__hours'>{m.phone}</Text>
              <Text className='pts-row__points'>{m.points} 分</Text>
            </View>
          ))}
        </Card>
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
      {cid && <RulesCard scopeId={cid} />}
    </View>
  );
}

function MemberLedger({ member, onBack, draft, onDraft }: { member: Picked; onBack: () => void; draft: Draft; onDraft: (d: Draft) => void }) {
  const [points, setPoints] = useState<number | null>(null);
  const entries = usePagedList<EntryDto>(async (page) => {
    const res = await api.points.memberLedger({ openid: member.openid, page, pageSize: 20 });
    setPoints(res.points);
    return res;
  }, [member.openid]);
  usePullDownRefresh(() => void entries.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void entries.loadMore());

  const { sign, amount, reason } = draft;
  const setSign = (v: 1 | -1) => onDraft({ ...draft, sign: v });
  const setAmount = (v: string) => onDraft({ ...draft, amount: v });
  const setReason = (v: string) => onDraft({ ...draft, reason: v });
  const [requestId, setRequestId] = useState(newRequestId);
  const [formError, setFormError] = useState('');
  const adjust = useAction((input: { openid: string; amount: number; reason: string; requestId: string }) => api.points.adjust(input), {
    onSuccess: (r) => {
      // above the rule's 复核 threshold: nothing counted yet, a second admin decides
      if (r.held) toastSuccess('已提交，待另一位管理员复核'); else toastSuccess('已调整');
      setPoints(r.points); onDraft(EMPTY_DRAFT); setRequestId(newRequestId()); void entries.reload();
    },
  });

  const [reversing, setReversing] = useState<EntryDto | null>(null);
  const [reverseReason, setReverseReason] = useState('');
  const reverse = useAction((input: { entryId: string; reason: string }) => api.points.reverse(input), {
    success: '已冲正',
    onSuccess: (r) => { setPoints(r.points); setReversing(null); setReverseReason(''); void entries.reload(); },
  });

  async function submitAdjust() {
    const n = Number(amount);
    if (!Number.isInteger(n) || n <= 0) return setFormError('请输入正整数分值');
    if (n > 1000) return setFormError('单次调整不能超过 1000 分');
    if (reason.trim().length < 2) return setFormError('请填写调整原因（至少 2 个字）');
    setFormError('');
    const value = sign * n;
    const ok = await confirm({ title: `确认${value > 0 ? '加' : '扣'} ${n} 分？`, content: `${member.name}：${reason.trim()}。调整会记入积分明细，党员本人可见；超过规则分值的调整须另一位管理员复核后才计分。`, danger: value < 0 });
    if (ok) await adjust.run({ openid: member.openid, amount: value, reason: reason.trim(), requestId });
  }

  async function submitReverse() {
    if (!reversing) return;
    if (reverseReason.trim().length < 2) return setFormError('请填写冲正原因（至少 2 个字）');
    setFormError('');
    const ok = await confirm({ title: '确认冲正该记录？', content: `「${reversing.title}」${fmtPoints(reversing.amount)} 分将被抵消，且只能冲正一次。` });
    if (ok) await reverse.run({ entryId: reversing.id, reason: reverseReason.trim() });
  }

  return (
    <View className='sbd-page'>
      <Card title={member.name || '党员'} extra={<Text onClick={onBack}>换一位</Text>}>
        <View className='pts-member-line'>
          <MemberPhone openid={member.openid} masked={member.phone} />
          {points !== null && <Text>本年度 {points} 分</Text>}
        </View>
      </Card>

      {reversing ? (
        <Card title='冲正记录'>
          <EntryRow entry={reversing} />
          <TextArea title='冲正原因' required placeholder='必填，党员可见' value={reverseReason} error={formError || undefined} onInput={setReverseReason} />
          <Button className='pts-btn' disabled={reverse.loading || undefined} loading={reverse.loading} onClick={() => void submitReverse()}>确认冲正</Button>
          <Text className='pts-hint' onClick={() => { setReversing(null); setFormError(''); }}>取消</Text>
        </Card>
      ) : (
        <Card title='调整积分'>
          <Field title='类型'>
            <Chips<'plus' | 'minus'> options={SIGNS} value={sign === 1 ? 'plus' : 'minus'} onChange={(v) => setSign(v === 'minus' ? -1 : 1)} />
          </Field>
          <Field title='分值' required type='number' placeholder='1 - 1000' value={amount} onInput={setAmount} extra='分' />
          <TextArea title='调整原因' required placeholder='必填，党员可见' value={reason} error={formError || undefined} onInput={setReason} />
          <Button className='pts-btn' disabled={adjust.loading || undefined} loading={adjust.loading} onClick={() => void submitAdjust()}>提交调整</Button>
        </Card>
      )}

      <PageState loading={entries.loading} error={entries.error} onRetry={entries.reload} empty={entries.items.length === 0} emptyText='本年度暂无积分记录'>
        <Card title='积分明细'>
          {entries.items.map((e) => (
            <EntryRow key={e.id} entry={e} action={e.cause !== 'reversal' && !e.reversed && e.review !== 'held' && e.review !== 'rejected'
              ? <Button className='pts-mini' size='mini' onClick={() => { setReversing(e); setFormError(''); }}>冲正</Button>
              : undefined} />
          ))}
        </Card>
        <ListFooter loading={entries.loadingMore} hasMore={entries.hasMore} onMore={entries.loadMore} count={entries.items.length} />
      </PageState>
    </View>
  );
}
