import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import './SectionTitle.scss';

/** A red bar and a title above a group of cards, with an optional action on the right. */
export function SectionTitle({ children, extra, onExtra }: { children: ReactNode; extra?: string; onExtra?: () => void }) {
  return (
    <View className='sbd-section'>
      <View className='sbd-section__bar' />
      <Text className='sbd-section__text'>{children}</Text>
      {extra && (
        <Text className='sbd-section__extra' onClick={onExtra}>
          {extra}
        </Text>
      )}
    </View>
  );
}
