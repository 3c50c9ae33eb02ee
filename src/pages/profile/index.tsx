import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 个人信息: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='tips' emptyText='暂无个人信息' emptyHint='完善姓名、手机号和所在单位后即可报到' />
    </View>
  );
}
