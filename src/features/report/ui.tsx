import { View, Text, Input } from '@tarojs/components';
import type { ReactNode } from 'react';
import './report.scss';

/** One labelled input row of a form. */
export function Field(props: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  required?: boolean;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxlength?: number;
  name?: string;
}) {
  return (
    <View className='rf-field'>
      <Text className={`rf-label${props.required ? ' rf-required' : ''}`}>{props.label}</Text>
      <Input
        className='rf-input'
        name={props.name}
        value={props.value}
        type={props.type ?? 'text'}
        maxlength={props.maxlength ?? 40}
        placeholder={props.placeholder ?? `请输入${props.label}`}
        onInput={(e) => props.onInput(e.detail.value)}
      />
    </View>
  );
}

/** A row of filter chips; `value` null = 全部. */
export function Chips<T extends string>(props: { options: Array<{ value: T | null; label: string }>; value: T | null; onChange: (v: T | null) => void }) {
  return (
    <View className='rf-chips'>
      {props.options.map((o) => (
        <Text key={o.value ?? 'all'} className={`rf-chip${o.value === props.value ? ' rf-chip--on' : ''}`} onClick={() => props.onChange(o.value)}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}

export function Tabs<T extends string>(props: { tabs: Array<{ value: T; label: string }>; value: T; onChange: (v: T) => void }) {
  return (
    <View className='rf-tabs'>
      {props.tabs.map((t) => (
        <Text key={t.value} className={`rf-tab${t.value === props.value ? ' rf-tab--on' : ''}`} onClick={() => props.onChange(t.value)}>
          {t.label}
        </Text>
      ))}
    </View>
  );
}

export function Stats({ items }: { items: Array<{ label: string; value: ReactNode }> }) {
  return (
    <View className='rf-stats'>
      {items.map((s) => (
        <View key={s.label} className='rf-stat'>
          <Text className='rf-stat__num'>{s.value}</Text>
          <Text className='rf-stat__label'>{s.label}</Text>
        </View>
      ))}
    </View>
  );
}

export function RateBar({ rate }: { rate: number | null }) {
  return (
    <View className='rf-bar'>
      <View className='rf-bar__fill' style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
    </View>
  );
}
