import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 报到审核: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无待审核的报到' emptyHint='党员提交报到申请后会显示在这里' />
    </View>
  );
}
