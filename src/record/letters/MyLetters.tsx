import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { LetterDto } from '@core/contracts/record';
import { api, newRequestId, useAction, usePagedList } from '../../api';
import { Chips, ListFooter, PageState, TextArea } from '../../components';
import { FormActions, LetterCard, LetterPdfButton } from '../../features/record';

type LineKey = LetterDto['lines'][number]['key'];

/** 我的反馈单: drafts to check (an objection to one line, within the dispute period) and the sent ones. */
export function MyLetters() {
  const list = usePagedList((page) => api.record.myLetters({ page, pageSize: 10 }), []);
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  const [open, setOpen] = useState<string | null>(null);
  const [line, setLine] = useState<LineKey | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const dispute = useAction(() => api.record.disputeLetter({ id: open!, line: line!, reason, requestId }), {
    success: '已提交异议，等待社区答复',
    onSuccess: () => {
      setOpen(null);
      setReason('');
      setLine(null);
      setRequestId(newRequestId());
      void list.reload();
    },
  });
  const submit = () => {
    if (!line) return setError('请选择有异议的一项');
    if (reason.trim().length < 2) return setError('请填写异议理由（至少 2 个字）');
    setError('');
    void dispute.run();
  };
  const disputable = (l: LetterDto) => l.lines.filter((x) => !(x.dispute && !x.dispute.answer));
  const windowOpen = (l: LetterDto) => l.status === 'draft' && !!l.disputeUntil && new Date(l.disputeUntil) > new Date();
  return (
    <View className='sbd-page'>
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='还没有反馈单' emptyHint='社区每季度和年底根据您的记实档案生成反馈单，发送给单位前会先请您核对'>
        {list.items.map((l) => (
          <LetterCard key={l.id} l={l}>
            {(l.status === 'sent' || l.status === 'acknowledged') && <LetterPdfButton id={l.id} />}
            {windowOpen(l) && open !== l.id && disputable(l).length > 0 && (
              <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => (setOpen(l.id), setLine(null), setError(''))}>
                对某一项有异议
              </Button>
            )}
            {open === l.id && (
              <View style={{ flex: 1 }}>
                <Text className='rf-hint'>选择有异议的一项（只重新核对这一项）：</Text>
                <Chips<LineKey> options={disputable(l).map((x) => ({ value: x.key, label: x.label }))} value={line} onChange={(v) => setLine(v)} />
                <TextArea value={reason} maxlength={200} placeholder='写明哪里不符以及依据' onInput={setReason} error={error} />
                <FormActions label='提交异议' loading={dispute.loading} onSubmit={submit} onCancel={() => setOpen(null)} />
              </View>
            )}
          </LetterCard>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
