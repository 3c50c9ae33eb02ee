import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 编辑任务: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='tips' emptyText='任务信息加载中断' emptyHint='请返回任务管理重新进入' />
    </View>
  );
}
