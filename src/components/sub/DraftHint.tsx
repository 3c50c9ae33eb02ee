import { Text, View } from '@tarojs/components';
import type { DraftState } from './useDraft';
import './DraftHint.scss';

/** Says that the form shows a restored, unsent draft, with 清空 to start from the stored item again. */
export function DraftHint({ draft }: { draft: DraftState }) {
  if (!draft.restored) return null;
  return (
    <View className='sbd-draft-hint'>
      <Text className='sbd-draft-hint__text'>已恢复未提交的草稿</Text>
      <Text className='sbd-draft-hint__clear' onClick={draft.discard}>清空</Text>
    </View>
  );
}
