import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 单位党员: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无党员' emptyHint='党员通过邀请码加入后会显示在这里' />
    </View>
  );
}
