import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 报到二维码: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='tips' emptyText='暂无报到码' emptyHint='生成社区报到码后可下载张贴' />
    </View>
  );
}
