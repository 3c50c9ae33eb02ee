import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 任务详情: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='tips' emptyText='任务不存在或已下架' emptyHint='请返回任务列表查看其他任务' />
    </View>
  );
}
