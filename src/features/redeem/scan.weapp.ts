import Taro from '@tarojs/taro';

export const canScan = true;

/** The scanned text, or null when the admin closed the camera. */
export async function scanCode(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return res.result;
  } catch {
    return null;
  }
}
