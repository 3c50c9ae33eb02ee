import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { BROADCASTS_PER_DAY } from '@core/contracts/notify';
import { fmtDateTime } from '@core/format';
import { api, useAction, usePagedList, useRequestId } from '../../api';
import { Card, Field, ListFooter, PageState, SectionTitle, TextArea, confirm } from '../../components';
import { useAdminScope } from '../../features/report/useAdminScope';
import { useDraft } from '../../components/sub/useDraft';
import { DraftHint } from '../../components/sub/DraftHint';
import './index.scss';

/**
 * 群发通知: a community admin's notice to the inbox of every member reported to the community
 * (at most 3 a day, each logged below). A double tap or a retry sends once (requestId).
 */
export default function BroadcastPage() {
  const scope = useAdminScope(['community']);
  const communityId = scope.scopeId;
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<{ field: 'title' | 'body'; message: string } | null>(null);
  const draft = useDraft({
    page: 'broadcast', id: communityId, value: { title, body }, apply: (v) => { setTitle(v.title); setBody(v.body); },
    ready: !scope.loading, enabled: !!communityId,
  });
  const [remaining, setRemaining] = useState<number | null>(null);
  const requestId = useRequestId();
  const log = usePagedList(async (page) => {
    if (!communityId) return { items: [], total: 0, page, pageSize: 20 };
    const r = await api.notify.broadcasts({ communityId, page, pageSize: 20 });
    setRemaining(r.remainingToday);
    return r;
  }, [communityId]);
  useReachBottom(() => void log.loadMore());
  usePullDownRefresh(() => void log.reload().then(() => Taro.stopPullDownRefresh()));

  const send = useAction(() => api.notify.broadcast({ communityId: communityId!, title: title.trim(), body: body.trim(), requestId: requestId.current }), {
    onSuccess: (r) => {
      draft.clear();
      void Taro.showToast({ title: `已发送给 ${r.recipients} 名党员`, icon: 'none' }); setRemaining(r.remainingToday); setTitle(''); setBody(''); requestId.renew(); void log.reload(); },
  });
  const onSend = async () => {
    if (title.trim().length < 2) return setError({ field: 'title', message: '标题至少 2 个字' });
    if (body.trim().length < 2) return setError({ field: 'body', message: '内容至少 2 个字' });
    setError(null);
    const ok = await confirm({ title: '发送给本社区全部已报到党员？', content: `「${title.trim()}」将进入每位党员的消息列表，发出后不能撤回。今天还可群发 ${remaining ?? BROADCASTS_PER_DAY} 次。`, confirmText: '发送', danger: false });
    if (ok) void send.run();
  };

  const used = remaining === 0;
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading || !draft.settled} error={scope.error} onRetry={scope.reload} empty={!scope.loading && !communityId} emptyText='您不是社区管理员' emptyHint='群发通知由社区管理员向本社区已报到党员发送'>
        <DraftHint draft={draft} />
        <Card title={`${scope.scopeName || '本社区'} · 群发通知`}>
          <Field title='标题' required value={title} onInput={setTitle} maxlength={40} placeholder='如：周六上午楼道清洁' error={error?.field === 'title' ? error.message : undefined} />
          <TextArea title='内容' required value={body} maxlength={500} placeholder='写明时间、地点、要做什么' onInput={setBody}
            description='发到党员的「我的消息」，不打扰：不推送微信消息' error={error?.field === 'body' ? error.message : undefined} />
          <Text className='ntc-hint'>{remaining === null ? `每天最多群发 ${BROADCASTS_PER_DAY} 次` : used ? '今天的群发次数已用完，请明天再发' : `今天还可群发 ${remaining} 次（每天最多 ${BROADCASTS_PER_DAY} 次）`}</Text>
          <Button className='ntc-btn' loading={send.loading} disabled={send.loading || used ? true : undefined} onClick={() => void onSend()}>发送</Button>
        </Card>
        <SectionTitle>群发记录</SectionTitle>
        <PageState loading={log.loading} error={log.error} onRetry={log.reload} empty={log.items.length === 0} emptyText='还没有群发过通知' emptyHint='发出的通知会记录在这里：时间、内容和收到的人数'>
          {log.items.map((b) => (
            <Card key={b.id} title={b.title} extra={<Text className='ntc-meta'>{b.recipients} 人</Text>}>
              <Text className='ntc-body'>{b.body}</Text>
              <Text className='ntc-meta'>{fmtDateTime(b.createdAt)}</Text>
            </Card>
          ))}
          <ListFooter loading={log.loadingMore} hasMore={log.hasMore} onMore={log.loadMore} count={log.items.length} />
        </PageState>
      </PageState>
    </View>
  );
}
