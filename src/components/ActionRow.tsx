import { Button, View } from '@tarojs/components';
import './ActionRow.scss';

export interface RowAction {
  text: string;
  onClick: () => void;
  loading?: boolean;
  /** stays disabled (a busy action, or nothing to submit yet) */
  disabled?: boolean;
  /** left out when false (e.g. 展示签到码 only while the task can be attended) */
  show?: boolean;
}

/** A row of small buttons under a card or a form (保存 / 取消, 发布为任务 / 编辑…). */
export function ActionRow(p: { actions: RowAction[] }) {
  const shown = p.actions.filter((a) => a.show !== false);
  if (shown.length === 0) return null;
  return (
    <View className='sbd-actions'>
      {shown.map((a) => (
        <Button key={a.text} className='sbd-actions__btn' size='mini' loading={a.loading} disabled={a.disabled || undefined} onClick={() => !a.disabled && a.onClick()}>
          {a.text}
        </Button>
      ))}
    </View>
  );
}
