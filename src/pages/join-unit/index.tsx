import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 加入单位: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='tips' emptyText='暂未加入单位' emptyHint='输入单位邀请码即可申请加入所在单位党组织' />
    </View>
  );
}
