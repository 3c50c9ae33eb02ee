import { Button, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { LetterDto } from '@core/contracts/record';
import { api, newRequestId, useAction, usePagedList } from '../../api';
import { ListFooter, PageState, Tabs, confirm } from '../../components';
import { LetterCard, LetterPdfButton } from '../../features/record';
import { useAdminScope } from '../../features/report';

type Tab = 'sent' | 'acknowledged' | 'requested';

/** 单位: the inbox of letters the communities sent about its members; 回执 with one tap. */
export function UnitLetters() {
  const scope = useAdminScope(['unit']);
  const id = scope.scopeId;
  const [tab, setTab] = useState<Tab>('sent');
  const list = usePagedList((page) => (id ? api.record.unitLetters({ unitId: id, status: tab, page, pageSize: 10 }) : Promise.resolve({ items: [], total: 0, page, pageSize: 10 })), [id, tab]);
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  const ack = useAction((l: LetterDto) => api.record.acknowledgeLetter({ id: l.id, requestId: newRequestId() }), { success: '已回执', onSuccess: () => void list.reload() });
  const onAck = async (l: LetterDto) => {
    if (await confirm({ title: `回执 ${l.name} 的反馈单？`, content: `编号 ${l.number}。回执表示单位已收到并存档，社区可见。`, confirmText: '回执', danger: false })) await ack.run(l);
  };
  const empty = tab === 'sent' ? '没有待回执的反馈单' : tab === 'acknowledged' ? '还没有已回执的反馈单' : '没有等待社区出具的意见';
  return (
    <View className='sbd-page'>
      <Tabs<Tab> tabs={[{ value: 'sent', label: '待回执' }, { value: 'acknowledged', label: '已回执' }, { value: 'requested', label: '申请中的意见' }]} value={tab} onChange={setTab} />
      <PageState loading={scope.loading || list.loading} error={scope.error ?? list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText={empty} emptyHint={tab === 'requested' ? '在党员的记实档案页可申请社区出具意见' : undefined}>
        {list.items.map((l) => (
          <LetterCard key={l.id} l={l}>
            {(l.status === 'sent' || l.status === 'acknowledged') && <LetterPdfButton id={l.id} />}
            {l.status === 'sent' && (
              <Button className='rf-mini' size='mini' loading={ack.loading} onClick={() => void onAck(l)}>
                回执
              </Button>
            )}
          </LetterCard>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
