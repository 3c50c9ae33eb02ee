import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { HistoryItem } from '@core/contracts/task';
import { taskCategoryLabel } from '@core/contracts/labels';
import { api, usePagedList } from '../../api';
import { Card, ListFooter, PageState, StatusTag } from '../../components';
import { fmtClock, fmtMinutes, fmtRange } from '@core/format';
import '../../features/tasks/tasks.scss';

/** 服务记录: every confirmed task with its hours, and the total. */
export default function HistoryPage() {
  const [totalMinutes, setTotalMinutes] = useState<number | null>(null);
  const list = usePagedList<HistoryItem>(async (page) => {
    const res = await api.task.history({ page, pageSize: 20 });
    setTotalMinutes(res.totalMinutes);
    return res;
  }, []);
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());

  return (
    <View className='sbd-page'>
      {totalMinutes !== null && (
        <Card>
          <View className='task-total'>
            <Text>累计服务</Text>
            <Text className='task-total__num history-total'>{fmtMinutes(totalMinutes)}</Text>
          </View>
        </Card>
      )}
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='还没有服务记录' emptyHint='参加志愿任务并由社区确认考勤后，服务时长会显示在这里'>
        {list.items.map((h) => (
          <Card
            key={h.taskId}
            title={h.title}
            extra={h.noshow ? <StatusTag tone='danger' text='未到场' /> : <StatusTag tone='success' text={fmtMinutes(h.minutes)} />}
            onClick={() => Taro.navigateTo({ url: `/pages/task-detail/index?id=${h.taskId}` })}
          >
            <View className='task-card__row'>
              <Text className='task-card__cat'>{taskCategoryLabel[h.category]}</Text>
              <Text className='task-card__time'>{fmtRange(h.startAt, h.endAt)}</Text>
            </View>
            <View className='task-card__row'>
              <Text className='task-card__place'>
                {h.communityName}
                {h.signInAt ? ` · 签到 ${fmtClock(h.signInAt)}` : ''}
                {h.signOutAt ? ` · 签退 ${fmtClock(h.signOutAt)}` : ''}
              </Text>
            </View>
          </Card>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
