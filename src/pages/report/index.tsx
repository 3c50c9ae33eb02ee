import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 到社区报到: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='tips' emptyText='请扫描社区报到码' emptyHint='在社区服务站扫描报到二维码即可开始报到' />
    </View>
  );
}
