import { Text, View } from '@tarojs/components';
import { confirm } from '../feedback';
import type { DraftState } from './useDraft';
import './DraftHint.scss';

/** Says that the form shows a restored, unsent draft, with 清空 to start from the stored item again. */
export function DraftHint({ draft }: { draft: DraftState }) {
  if (!draft.restored) return null;
  // what was typed is lost for good: ask first
  const onClear = async () => {
    if (await confirm({ title: '清空草稿？', content: '未提交的内容将被清除，表单恢复为打开时的内容。', confirmText: '清空' })) draft.discard();
  };
  return (
    <View className='sbd-draft-hint'>
      <Text className='sbd-draft-hint__text'>已恢复未提交的草稿</Text>
      <Text className='sbd-draft-hint__clear' onClick={() => void onClear()}>清空</Text>
    </View>
  );
}
