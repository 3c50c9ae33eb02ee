import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 积分调整: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无调整记录' emptyHint='手工调整积分需填写原因并留痕' />
    </View>
  );
}
