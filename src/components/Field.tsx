import { View, Text, Input } from '@tarojs/components';
import type { ReactNode } from 'react';
import './Field.scss';

export interface FieldProps {
  /** the label on the left, e.g. 姓名 */
  title: string;
  required?: boolean;
  /** a text input: give `value` and `onInput` (otherwise `children` is the value or the control) */
  value?: string;
  onInput?: (v: string) => void;
  /** the keyboard's 完成 / Enter, e.g. look the typed code up at once */
  onConfirm?: () => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxlength?: number;
  name?: string;
  /** read-only value or a custom control (Picker, Switch…) */
  children?: ReactNode;
  /** grey line under the row, e.g. a format hint */
  description?: ReactNode;
  /** red message under the row, next to the field it is about */
  error?: string;
  /** right side, e.g. a unit (分) or a small button */
  extra?: ReactNode;
  /** the row opens a picker or a page: drawn with a › so it looks tappable */
  arrow?: boolean;
}

/**
 * One labelled row of a form or a detail card: label on the left, an input or a value on the
 * right, optional description / error under it. The only field markup in the app.
 */
export function Field(props: FieldProps) {
  const input = props.onInput !== undefined;
  return (
    <View className={`sbd-field${props.error ? ' sbd-field--error' : ''}${props.arrow ? ' sbd-field--link' : ''}`}>
      <View className='sbd-field__row'>
        <Text className={`sbd-field__title${props.required ? ' sbd-field__title--required' : ''}`}>{props.title}</Text>
        {input ? (
          <Input
            className='sbd-field__input'
            name={props.name}
            value={props.value}
            type={props.type ?? 'text'}
            maxlength={props.maxlength ?? 40}
            placeholder={props.placeholder ?? `请输入${props.title}`}
            onInput={(e) => props.onInput?.(e.detail.value)}
            onConfirm={props.onConfirm}
          />
        ) : (
          <View className='sbd-field__value'>{props.children}</View>
        )}
        {props.extra !== undefined && <View className='sbd-field__extra'>{props.extra}</View>}
        {props.arrow && <Text className='sbd-field__arrow'>›</Text>}
      </View>
      {props.description && <Text className='sbd-field__desc'>{props.description}</Text>}
      {props.error && <Text className='sbd-field__error'>{props.error}</Text>}
    </View>
  );
}
