import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 报到名册: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无已报到党员' emptyHint='审核通过的党员会出现在名册中' />
    </View>
  );
}
