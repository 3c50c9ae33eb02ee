import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 我的消息: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无消息' emptyHint='审核结果、任务提醒等通知会显示在这里' />
    </View>
  );
}
