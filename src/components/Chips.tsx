import { View, Text } from '@tarojs/components';
import './Chips.scss';

export interface ChipOption<T extends string> {
  value: T | null;
  label: string;
}

/** A row of filter or choice chips; `value` null = 全部. */
export function Chips<T extends string>(props: { options: Array<ChipOption<T>>; value: T | null; onChange: (v: T | null) => void }) {
  return (
    <View className='sbd-chips'>
      {props.options.map((o) => (
        <Text key={o.value ?? 'all'} className={`sbd-chips__item${o.value === props.value ? ' sbd-chips__item--on' : ''}`} onClick={() => props.onChange(o.value)}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}
