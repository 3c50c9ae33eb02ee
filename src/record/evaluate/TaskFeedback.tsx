import { Button, Image, Text, View } from '@tarojs/components';
import { api, useQuery } from '../../api';
import { Card, PageState, StatusTag } from '../../components';
import { EvaluateForm, EvaluationLine } from './EvaluateForm';

/**
 * After a task (member): rate it once (1–5 + remark), and show the resident a code to confirm the
 * service with one tap (no registration); the record then says 居民已确认.
 */
export function TaskFeedback({ taskId }: { taskId: string }) {
  const mine = useQuery(() => api.record.myTaskRating({ taskId }), [taskId]);
  const code = useQuery(() => (mine.data?.canRate ? api.record.residentCode({ taskId }) : Promise.resolve(null)), [taskId, mine.data?.canRate]);
  const m = mine.data;
  return (
    <View className='sbd-page'>
      <PageState loading={mine.loading} error={mine.error} onRetry={mine.reload} empty={!!m && !m.canRate} emptyText='该任务的服务尚未经社区确认' emptyHint='社区确认您参加了服务后，可以评价任务、请居民确认'>
        {m && (
          <View className='rf-banner'>
            <Text className='rf-banner__title'>{m.title}</Text>
            <Text className='rf-banner__sub'>{m.day} · 已确认参加</Text>
          </View>
        )}
        <Card title='评价这次任务'>
          {m?.rating ? (
            <EvaluationLine e={m.rating} />
          ) : (
            <View>
              <Text className='rf-hint'>组织是否有序、安排是否合理，您的评价帮助社区改进（每个任务评价一次，提交后不能修改）。</Text>
              <EvaluateForm remarkHint='如：组织有序，分工明确' onSubmit={(v) => api.record.rateTask({ taskId, ...v })} onDone={() => void mine.reload()} />
            </View>
          )}
        </Card>
        <Card title='请居民确认' extra={code.data ? <StatusTag tone={code.data.confirmed ? 'success' : 'warning'} text={code.data.confirmed ? '居民已确认' : '待确认'} /> : undefined}>
          <Text className='rf-hint'>请服务对象用微信扫描下方二维码，无需注册，点一下“确认”即可；确认后档案中这条服务标注“居民已确认”。</Text>
          <PageState loading={code.loading} error={code.error} onRetry={code.reload} empty={false}>
            {code.data && (
              <View className='ev-qr'>
                <Image className='ev-qr__img' src={code.data.dataUrl} mode='aspectFit' />
                <Text className='rf-hint'>确认码 {code.data.code}</Text>
                <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void code.reload()}>刷新确认状态</Button>
              </View>
            )}
          </PageState>
        </Card>
      </PageState>
    </View>
  );
}
