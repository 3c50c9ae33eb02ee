import { View, Text } from '@tarojs/components';
import './Tabs.scss';

/** Segmented tabs across the page width (status filters of admin lists). */
export function Tabs<T extends string>(props: { tabs: Array<{ value: T; label: string }>; value: T; onChange: (v: T) => void }) {
  return (
    <View className='sbd-tabs'>
      {props.tabs.map((t) => (
        <Text key={t.value} className={`sbd-tabs__item${t.value === props.value ? ' sbd-tabs__item--on' : ''}`} onClick={() => props.onChange(t.value)}>
          {t.label}
        </Text>
      ))}
    </View>
  );
}
