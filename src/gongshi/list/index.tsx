import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { gongshiItemStatusLabel, type GongshiItemDto } from '@core/contracts/gongshi';
import { fmtDate } from '@core/format';
import { api, usePagedList } from '../../api';
import { newRequestId } from '../../api/requestId';
import { Card, ListFooter, PageState, StatusTag, TextArea, toastSuccess } from '../../components';
import './index.scss';

const TONE = { open: 'info', frozen: 'warning', ruled: 'info', effective: 'success', revoked: 'danger' } as const;
const DECISION = { keep: '维持', adjust: '调整', revoke: '撤销' } as const;

/**
 * 积分公示: my community's weekly 公示 of new points (names masked). During the window any member
 * may object to someone else's item with a reason; the item waits for the community's ruling.
 */
export default function GongshiList() {
  const list = usePagedList((page) => api.gongshi.list({ page, pageSize: 10 }), []);
  const [objecting, setObjecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));

  const submit = async () => {
    if (reason.trim().length < 5) { setError('请写明异议理由（至少 5 个字）'); return; }
    setError('');
    setBusy(true);
    try {
      await api.gongshi.object({ itemId: objecting!, reason: reason.trim(), requestId });
      toastSuccess('异议已提交，社区将核实处理');
      setObjecting(null); setReason(''); setRequestId(newRequestId());
      await list.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally { setBusy(false); }
  };

  const row = (i: GongshiItemDto, open: boolean) => (
    <View key={i.id} className='gs-item'>
      <View className='gs-item__line'>
        <Text className='gs-item__name'>{i.name}{i.isMe ? '（我）' : ''}</Text>
        <Text className='gs-item__title'>{i.title}</Text>
        <Text className='gs-item__amount'>{i.amount > 0 ? `+${i.amount}` : i.amount} 分</Text>
      </View>
      <View className='gs-item__line'>
        <Text className='gs-item__muted'>{fmtDate(i.at)}{i.originalAmount !== null ? ` · 原 ${i.originalAmount} 分` : ''}{i.handMade ? ' · 手工录入（已复核）' : ''}</Text>
        <StatusTag tone={TONE[i.status]} text={gongshiItemStatusLabel[i.status]} />
      </View>
      {i.ruling && <Text className='gs-item__muted'>社区处理：{DECISION[i.ruling.decision]}。{i.ruling.reason}</Text>}
      {open && !i.isMe && (i.status === 'open' || i.status === 'frozen') && (
        i.objected ? <Text className='gs-item__muted'>您已提出异议，等待社区处理</Text>
          : objecting === i.id ? (
            <View className='gs-form'>
              <TextArea title='异议理由' required value={reason} onInput={setReason} maxlength={300} placeholder='请写明您了解的情况，例如服务时长、是否到场' description='社区管理员将在期限内核实并答复' error={error} />
              <View className='gs-form__actions'>
                <Text className='gs-btn gs-btn--plain' onClick={() => { setObjecting(null); setError(''); }}>取消</Text>
                <Text className={`gs-btn${busy ? ' gs-btn--busy' : ''}`} onClick={() => void (busy ? null : submit())}>{busy ? '提交中…' : '提交异议'}</Text>
              </View>
            </View>
          ) : <Text className='gs-link' onClick={() => { setObjecting(i.id); setReason(''); setError(''); }}>提出异议</Text>
      )}
    </View>
  );

  return (
    <View className='sbd-page'>
      <View className='gs-head'>新获得的积分每周公示，公示期满且无异议后生效，才计入排名、反馈单和证明。</View>
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='还没有积分公示' emptyHint='每周一公示本社区上周新获得的积分'>
        {list.items.map((b) => (
          <Card key={b.id} title={`${b.communityName} · ${b.week} 周`} extra={<StatusTag tone={b.open ? 'info' : 'success'} text={b.open ? '公示中' : '已结束'} />}>
            <Text className='gs-item__muted'>公示期 {fmtDate(b.publishedAt)} 至 {fmtDate(new Date(new Date(b.endsAt).getTime() - 1))}（{b.days} 个工作日）</Text>
            {b.items.map((i) => row(i, b.open))}
          </Card>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
