import { Picker } from '@tarojs/components';
import { Field } from '../Field';

interface Common {
  title: string;
  required?: boolean;
  /** draw the row as tappable (› and the value in the accent colour) */
  arrow?: boolean;
  /** grey line under the row */
  description?: string;
  /** red message under the row */
  error?: string;
  /** what the row shows, when not `value` itself (e.g. the day before a picked time) */
  display?: string;
}

export type PickerFieldProps = Common &
  (
    | {
        mode: 'date' | 'time';
        /** `YYYY-MM-DD` or `HH:mm`, shown as the row's value */
        value: string;
        onChange: (value: string) => void;
        /** earliest / latest choice, same format as `value` */
        start?: string;
        end?: string;
      }
    | {
        /** choose one of `range`; `value` is the chosen label (shown), `onChange` gets the new index */
        mode: 'selector';
        range: string[];
        value: string;
        onChange: (index: number) => void;
      }
  );

/**
 * A form row whose value is picked with the platform's date, time or list picker.
 * Imported by path, not from the kit's index: only subpackage forms use it, so the main package stays as it is.
 */
export function PickerField(p: PickerFieldProps) {
  const row = (
    <Field title={p.title} required={p.required} arrow={p.arrow} description={p.description} error={p.error}>
      {p.display ?? p.value}
    </Field>
  );
  if (p.mode === 'selector') {
    const { range, onChange } = p;
    return (
      <Picker mode='selector' range={range} value={Math.max(0, range.indexOf(p.value))} onChange={(e) => onChange(Number(e.detail.value))}>
        {row}
      </Picker>
    );
  }
  const { onChange } = p;
  return (
    <Picker mode={p.mode} value={p.value} start={p.start} end={p.end} onChange={(e) => onChange(String(e.detail.value))}>
      {row}
    </Picker>
  );
}
