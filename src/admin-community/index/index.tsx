import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 社区管理: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无待办事项' emptyHint='党员报到、单位报到审核等待办会显示在这里' />
    </View>
  );
}
