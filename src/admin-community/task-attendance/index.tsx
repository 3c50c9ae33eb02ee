import { View } from '@tarojs/components';
import { PageState } from '../../components';

/** 考勤确认: the frame until the feature lands; shows the page's empty state. */
export default function Page() {
  return (
    <View className='sbd-page'>
      <PageState empty emptyIcon='empty' emptyText='暂无考勤记录' emptyHint='党员签到签退后会显示在这里' />
    </View>
  );
}
