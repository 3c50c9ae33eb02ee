import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 需求清单: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无居民需求' emptyHint='登记的居民需求会显示在这里' />
    </View>
  );
}
