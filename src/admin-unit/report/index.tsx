import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 单位报到: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='tips' emptyText='尚未向社区报到' emptyHint='填写资源清单和共建协议后提交社区审核' />
    </View>
  );
}
