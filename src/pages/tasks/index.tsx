import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 志愿任务: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无可报名的任务' emptyHint='社区发布志愿服务任务后会显示在这里' />
    </View>
  );
}
