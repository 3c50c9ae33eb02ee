import { getDevOpenid } from '../dev/identity';
import { ApiError, NETWORK_ERROR } from './errors';

/**
 * h5 upload to the local cloud storage through the gateway's API door
 * (`POST /api/__storage/uploadFile?cloudPath=…`, answers shaped like `wx.cloud.uploadFile`'s),
 * as the chosen demo user. Same signature and errors as upload.weapp.ts.
 */
export const UPLOAD_FAILED = 'UPLOAD_FAILED';

interface CloudAnswer { errCode?: number; errMsg?: string; fileID?: string; fileList?: Array<{ fileID: string; tempFileURL: string; status: number }> }

function uploadError(body: CloudAnswer | undefined): ApiError {
  if (body?.errCode === -503002) return new ApiError(UPLOAD_FAILED, '没有上传到该位置的权限', body);
  if (/EntityTooLarge/i.test(body?.errMsg ?? '')) return new ApiError(UPLOAD_FAILED, '文件太大，请压缩后重试', body);
  return new ApiError(NETWORK_ERROR, '上传失败，请检查网络后重试', body);
}

async function post(path: string, body: BodyInit, contentType?: string): Promise<CloudAnswer> {
  const headers: Record<string, string> = {};
  const openid = getDevOpenid();
  if (openid) headers['x-dev-openid'] = openid;
  if (contentType) headers['content-type'] = contentType;
  let res: Response;
  let answer: CloudAnswer | undefined;
  try {
    res = await fetch(path, { method: 'POST', headers, body });
    answer = (await res.json()) as CloudAnswer;
  } catch {
    throw uploadError(undefined);
  }
  if (!res.ok || (answer.errCode ?? 0) !== 0) throw uploadError(answer);
  return answer;
}

/** Upload a File/Blob, or a temp path from chooseImage (an h5 `blob:` URL), to `cloudPath`; answers its file id. */
export async function uploadFile(localPathOrFile: string | Blob, cloudPath: string): Promise<string> {
  let blob: Blob;
  if (typeof localPathOrFile === 'string') {
    try {
      blob = await (await fetch(localPathOrFile)).blob();
    } catch {
      throw new ApiError(UPLOAD_FAILED, '读取文件失败，请重新选择');
    }
  } else blob = localPathOrFile;
  const answer = await post(`/api/__storage/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`, blob, blob.type || 'application/octet-stream');
  if (!answer.fileID) throw uploadError(answer);
  return answer.fileID;
}

/** Temp URLs of files this user may read, keyed by file id (others are left out). */
export async function tempFileUrls(fileIDs: string[]): Promise<Record<string, string>> {
  if (!fileIDs.length) return {};
  const answer = await post('/api/__storage/getTempFileURL', JSON.stringify({ fileList: fileIDs }), 'application/json');
  const out: Record<string, string> = {};
  for (const f of answer.fileList ?? []) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL;
  return out;
}
