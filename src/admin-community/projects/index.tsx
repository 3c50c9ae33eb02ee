import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 项目清单: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无服务项目' emptyHint='与单位共建的服务项目会显示在这里' />
    </View>
  );
}
