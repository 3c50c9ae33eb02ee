import { View, Text } from '@tarojs/components';
import { Failure, Order, Tips, NetworkError } from '@nutui/icons-react-taro';
import './EmptyState.scss';

export type EmptyIcon = 'empty' | 'error' | 'network' | 'tips';

/** A soft grey icon in a circle, a line of text and an optional hint. */
export function EmptyState({ icon = 'empty', text, hint }: { icon?: EmptyIcon; text: string; hint?: string }) {
  const Icon = icon === 'error' ? Failure : icon === 'network' ? NetworkError : icon === 'tips' ? Tips : Order;
  return (
    <View className='sbd-empty'>
      <View className='sbd-empty__icon'>
        <Icon size={32} color='#B8B8B8' />
      </View>
      <Text className='sbd-empty__text'>{text}</Text>
      {hint && <Text className='sbd-empty__hint'>{hint}</Text>}
    </View>
  );
}
