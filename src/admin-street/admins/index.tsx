import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 管理员: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无管理员' emptyHint='任命社区、单位管理员后会显示在这里' />
    </View>
  );
}
