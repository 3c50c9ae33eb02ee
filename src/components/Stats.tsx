import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import './Stats.scss';

/** A row of big numbers with labels (报到率, 待审核…). */
export function Stats({ items }: { items: Array<{ label: string; value: ReactNode }> }) {
  return (
    <View className='sbd-stats'>
      {items.map((s) => (
        <View key={s.label} className='sbd-stats__item'>
          <Text className='sbd-stats__num'>{s.value}</Text>
          <Text className='sbd-stats__label'>{s.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** A thin progress bar for a rate between 0 and 1 (null = no data, empty bar). */
export function RateBar({ rate }: { rate: number | null }) {
  return (
    <View className='sbd-rate'>
      <View className='sbd-rate__fill' style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
    </View>
  );
}
