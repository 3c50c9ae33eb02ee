import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 服务记录: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无服务记录' emptyHint='完成志愿服务后，时长和积分会记录在这里' />
    </View>
  );
}
