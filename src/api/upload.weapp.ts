import Taro from '@tarojs/taro';
import { ApiError, NETWORK_ERROR } from './errors';

/**
 * Mini-program upload to cloud storage (`wx.cloud.uploadFile`). Storage permissions (creator only by
 * default) bind these calls; a function reads the file as admin. The h5 build uses upload.h5.ts.
 */
export const UPLOAD_FAILED = 'UPLOAD_FAILED';

function uploadError(err: unknown): ApiError {
  const e = (err ?? {}) as { errCode?: number; errMsg?: string };
  if (e.errCode === -503002) return new ApiError(UPLOAD_FAILED, '没有上传到该位置的权限', e);
  if (/EntityTooLarge|exceed/i.test(e.errMsg ?? '')) return new ApiError(UPLOAD_FAILED, '文件太大，请压缩后重试', e);
  return new ApiError(NETWORK_ERROR, '上传失败，请检查网络后重试', e);
}

/** Upload a local file (a temp path from chooseImage/chooseMedia) to `cloudPath`; answers its file id. */
export async function uploadFile(localPathOrFile: string, cloudPath: string): Promise<string> {
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: localPathOrFile });
    return res.fileID;
  } catch (err) {
    throw uploadError(err);
  }
}

/** Temp URLs of files this user may read, keyed by file id (others are left out). */
export async function tempFileUrls(fileIDs: string[]): Promise<Record<string, string>> {
  if (!fileIDs.length) return {};
  try {
    const res = await Taro.cloud.getTempFileURL({ fileList: fileIDs });
    const out: Record<string, string> = {};
    for (const f of res.fileList) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL;
    return out;
  } catch (err) {
    throw uploadError(err);
  }
}
