import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { TaskSummary } from '@core/contracts/task';
import { taskCategoryLabel } from '@core/contracts/labels';
import { Card, StatusTag } from '../../components';
import { fmtRange } from '@core/format';
import { phaseTag } from './format';
import './tasks.scss';

/** One task in a list: title, status, time, place, slots and my own signup. */
export function TaskCard({ task, onClick, showCommunity, footer }: { task: TaskSummary; onClick?: () => void; showCommunity?: boolean; footer?: ReactNode }) {
  const mine = task.mine && task.mine.status !== 'cancelled' ? task.mine : null;
  return (
    <Card
      className='task-card'
      onClick={onClick}
      footer={footer}
      title={task.title}
      extra={<StatusTag status={phaseTag(task.phase)} text={task.phase === 'ended' ? '待确认' : undefined} />}
    >
      <View className='task-card__row'>
        <Text className='task-card__cat'>{taskCategoryLabel[task.category]}</Text>
        <Text className='task-card__time'>{fmtRange(task.startAt, task.endAt)}</Text>
      </View>
      <View className='task-card__row'>
        <Text className='task-card__place'>{showCommunity && task.communityName ? `${task.communityName} · ` : ''}{task.placeName}</Text>
      </View>
      <View className='task-card__row'>
        <Text className='task-card__slots'>已报名 {task.signed}/{task.slots}{task.waitlisted ? `，候补 ${task.waitlisted}` : ''}</Text>
        {mine && <StatusTag status={mine.signOutAt ? 'signedOut' : mine.signInAt ? 'signedIn' : mine.status} />}
      </View>
    </Card>
  );
}
