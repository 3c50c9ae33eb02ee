import { Picker } from '@tarojs/components';
import { Field } from '../Field';

export interface PickerFieldProps {
  title: string;
  mode: 'date' | 'time';
  /** `YYYY-MM-DD` or `HH:mm`, shown as the row's value */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  /** draw the row as tappable (› and the value in the accent colour) */
  arrow?: boolean;
  /** earliest / latest choice, same format as `value` */
  start?: string;
  end?: string;
}

/**
 * A form row whose value is picked with the platform's date or time picker.
 * Imported by path, not from the kit's index: only subpackage forms use it, so the main package stays as it is.
 */
export function PickerField({ title, mode, value, onChange, required, arrow, start, end }: PickerFieldProps) {
  return (
    <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <Field title={title} required={required} arrow={arrow}>{value}</Field>
    </Picker>
  );
}
