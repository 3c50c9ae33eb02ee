import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 任务管理: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无任务' emptyHint='发布志愿服务任务后会显示在这里' />
    </View>
  );
}
