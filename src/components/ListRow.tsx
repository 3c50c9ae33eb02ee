import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import './ListRow.scss';

export interface ListRowProps {
  /** the row's main line, e.g. a member's name and masked phone */
  title: ReactNode;
  /** right side of the main line, e.g. a StatusTag or an 添加 button */
  extra?: ReactNode;
  /** grey line under it, e.g. 签到 09:02 · 签退 11:00 */
  description?: ReactNode;
  /** tinted: the row needs the admin's eye (missing sign-out, 0 minutes) */
  warn?: boolean;
  /** under the description, e.g. ActionRow */
  children?: ReactNode;
}

/** One row of a list inside a Card (a member, a resource…): title, extra on the right, a grey line under it. */
export function ListRow(p: ListRowProps) {
  return (
    <View className={`sbd-row${p.warn ? ' sbd-row--warn' : ''}`}>
      <View className='sbd-row__head'>
        {typeof p.title === 'string' ? <Text className='sbd-row__title'>{p.title}</Text> : <View className='sbd-row__title'>{p.title}</View>}
        {p.extra !== undefined && <View className='sbd-row__extra'>{p.extra}</View>}
      </View>
      {p.description !== undefined && <View className='sbd-row__desc'>{p.description}</View>}
      {p.children}
    </View>
  );
}
