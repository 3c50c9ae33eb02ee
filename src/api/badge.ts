import Taro from '@tarojs/taro';

/** 我的 tab (index 3) shows the number of unread messages; none → no badge. */
export const MINE_TAB = 3;

export function showUnreadBadge(unread: number | undefined): void {
  const p = unread && unread > 0
    ? Taro.setTabBarBadge({ index: MINE_TAB, text: unread > 99 ? '99+' : String(unread) })
    : Taro.removeTabBarBadge({ index: MINE_TAB });
  // outside a tab page the call fails harmlessly; the next tab page shown sets it again
  void Promise.resolve(p).catch(() => undefined);
}
