import Taro from '@tarojs/taro';

/** h5: an absolute address of this deployment (hash router), openable in any browser or chat. */
export function openableLink(path: string): string {
  const base = `${window.location.origin}${window.location.pathname}`;
  return `${base}#${path.startsWith('/') ? path : `/${path}`}`;
}

export const SHARE_IN_PAGE = false;

/** h5: the system share sheet where the browser has one, else the link is copied. */
export async function shareLink(link: string, title: string): Promise<'copied' | 'shared'> {
  const nav = navigator as Navigator & { share?: (d: { title: string; url: string }) => Promise<void> };
  if (nav.share) {
    try {
      await nav.share({ title, url: link });
      return 'shared';
    } catch {
      // cancelled or refused: fall back to copying
    }
  }
  await Taro.setClipboardData({ data: link });
  return 'copied';
}
