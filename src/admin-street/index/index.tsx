import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 街道管理: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无统计数据' emptyHint='辖区社区报到和服务情况会显示在这里' />
    </View>
  );
}
