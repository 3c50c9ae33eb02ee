import { View } from '@tarojs/components';
import { PageState } from '../../components';

export default function Index() {
  return (
    <View className='sbd-page'>
      <PageState loading />
    </View>
  );
}
