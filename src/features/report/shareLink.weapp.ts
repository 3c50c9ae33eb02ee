import Taro from '@tarojs/taro';

/** weapp: the page path is what a share card opens; shown as is (it names the page and the code). */
export function openableLink(path: string): string {
  return path;
}

/** weapp shares with the page's 转发 button (open-type share + useShareAppMessage), not from code. */
export const SHARE_IN_PAGE = true;

/** weapp: copy the path (for a menu or an article link to the mini-program). */
export async function shareLink(link: string, _title: string): Promise<'copied' | 'shared'> {
  await Taro.setClipboardData({ data: link });
  return 'copied';
}
