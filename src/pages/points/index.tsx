import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 我的积分: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无积分记录' emptyHint='参加志愿服务并确认时长后即可获得积分' />
    </View>
  );
}
