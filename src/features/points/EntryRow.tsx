import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { EntryDto } from '@core/contracts/points';
import { fmtDateTime } from '@core/format';
import { entryNote, fmtPoints } from './format';
import './points.scss';

/** One ledger entry: reason in Chinese, time and details, amount coloured by sign. */
export function EntryRow({ entry, action }: { entry: EntryDto; action?: ReactNode }) {
  const tone = entry.amount > 0 ? 'plus' : entry.amount < 0 ? 'minus' : 'zero';
  const note = entryNote(entry);
  return (
    <View className={`pts-entry${entry.reversed ? ' pts-entry--struck' : ''}`}>
      <View className='pts-entry__main'>
        <Text className='pts-entry__title'>{entry.title}</Text>
        <Text className='pts-entry__note'>{fmtDateTime(entry.at)}{note ? ` · ${note}` : ''}</Text>
      </View>
      <Text className={`pts-entry__amount pts-entry__amount--${tone}`}>{fmtPoints(entry.amount)}</Text>
      {action}
    </View>
  );
}
