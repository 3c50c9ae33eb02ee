import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 单位报到: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无单位报到申请' emptyHint='单位提交资源清单和共建协议后会显示在这里' />
    </View>
  );
}
