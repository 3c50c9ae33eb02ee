import Taro from '@tarojs/taro';

/** weapp: the screen stays on while this page is shown (WeChat resets it when the page leaves). */
export async function keepScreenOn(): Promise<void> {
  await Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
}
