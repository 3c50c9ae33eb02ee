import Taro from '@tarojs/taro';

/** Show an error's Chinese message (ApiError or anything else) as a toast. */
export function toastError(err: unknown): void {
  const message = err instanceof Error && err.message && err.name === 'ApiError' ? err.message : '出了点问题，请稍后重试';
  // showToast cuts titles at 7 chars with an icon; 'none' shows up to two lines
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
}

export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 });
}

export interface ConfirmOptions {
  title: string;
  content?: string;
  confirmText?: string;
  /** red confirm button for irreversible actions (default true) */
  danger?: boolean;
}

/**
 * Ask before a destructive action: `if (!(await confirm({ title: '撤回报到？' }))) return;`.
 * Resolves true only when the user taps the confirm button.
 */
export async function confirm(options: ConfirmOptions): Promise<boolean> {
  try {
    const res = await Taro.showModal({
      title: options.title,
      content: options.content ?? '',
      confirmText: options.confirmText ?? '确定',
      cancelText: '取消',
      confirmColor: options.danger === false ? '#C8102E' : '#E34D59',
    });
    return !!res.confirm;
  } catch {
    return false;
  }
}
