import { View, Text, Textarea } from '@tarojs/components';
import './TextArea.scss';

export interface TextAreaProps {
  /** label above the box, e.g. 取消原因; none when the card title says it */
  title?: string;
  required?: boolean;
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
  /** grey line under the box, e.g. 至少 2 个字 */
  description?: string;
  /** red message under the box, about this field */
  error?: string;
}

/** A multi-line text field of a form: label, box with a character count, description or error under it. */
export function TextArea(p: TextAreaProps) {
  const max = p.maxlength ?? 100;
  return (
    <View className={`sbd-textarea${p.error ? ' sbd-textarea--error' : ''}`}>
      {p.title && <Text className={`sbd-textarea__title${p.required ? ' sbd-textarea__title--required' : ''}`}>{p.title}</Text>}
      <Textarea className='sbd-textarea__box' value={p.value} maxlength={max} placeholder={p.placeholder} onInput={(e) => p.onInput(e.detail.value)} />
      <View className='sbd-textarea__foot'>
        {p.error ? <Text className='sbd-textarea__error'>{p.error}</Text> : <Text className='sbd-textarea__desc'>{p.description ?? ''}</Text>}
        <Text className='sbd-textarea__count'>{p.value.length}/{max}</Text>
      </View>
    </View>
  );
}
