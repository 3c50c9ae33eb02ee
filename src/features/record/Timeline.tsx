import { Text, View } from '@tarojs/components';
import type { TimelineItemDto } from '@core/contracts/record';
import { fmtDate } from '@core/format';

/** The lines of a 记实档案, newest first: what, where, how long, and its status; on one's own record a served task links to its rating and resident code. */
export function TimelineLines({ items, onTask }: { items: TimelineItemDto[]; onTask?: (taskId: string) => void }) {
  return (
    <View>
      {items.map((i) => (
        <View key={i.id} className='rec-line'>
          <View className={`rec-dot rec-dot--${i.kind}`} />
          <View className='rec-body'>
            <Text className='rec-title'>{i.title}</Text>
            {!!i.detail && <Text className='rec-detail'>{i.detail}</Text>}
            {onTask && i.kind === 'task' && i.status !== '缺席' && (
              <Text className='rec-link' onClick={() => onTask(i.id.replace(/^task:/, ''))}>
                评价任务 · 请居民确认 ›
              </Text>
            )}
          </View>
          <View className='rec-side'>
            <Text className='rec-date'>{fmtDate(i.at)}</Text>
            {i.status && <Text className={`rec-status${i.status === '缺席' || i.status === '未通过' || i.status === '复核驳回' ? ' rec-status--bad' : ''}`}>{i.status}</Text>}
            {i.kind === 'task' && i.points !== 0 && <Text className='rec-status'>{i.points > 0 ? `+${i.points}` : i.points} 分</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
