import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 签到码: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='tips' emptyText='暂无签到码' emptyHint='任务开始前可在此展示签到二维码' />
    </View>
  );
}
