import { cloud } from './cloud';

/**
 * Cloud storage for functions, over wx-server-sdk (the same code runs on WeChat's cloud and on the
 * local emulator). Functions act as the admin: they may read and write every file; what a user may
 * see is decided by the function before it hands out a temp URL.
 */

/** Thrown SDK failures carry `errCode`/`errMsg`; make them ordinary Errors with both in the message. */
function sdkError(op: string, err: unknown): Error {
  const e = err as { errCode?: number; errMsg?: string; message?: string };
  return Object.assign(new Error(`${op} failed: ${e?.errCode ?? ''} ${e?.errMsg ?? e?.message ?? String(err)}`.trim()), { errCode: e?.errCode });
}

/** Store `content` at `cloudPath` (e.g. `exports/2026/roster.xlsx`); answers the file id `cloud://…`. */
export async function putFile(cloudPath: string, content: Buffer): Promise<string> {
  try {
    const res = await cloud.uploadFile({ cloudPath, fileContent: content });
    return res.fileID;
  } catch (err) {
    throw sdkError('uploadFile', err);
  }
}

/** The bytes of a stored file. */
export async function readFile(fileID: string): Promise<Buffer> {
  try {
    const res = await cloud.downloadFile({ fileID });
    return res.fileContent as Buffer;
  } catch (err) {
    throw sdkError('downloadFile', err);
  }
}

/**
 * Temp URLs (default 2 h, the platform's; at most 1 day) keyed by file id. A file that does not
 * exist (or that the platform refuses) is left out, so a caller shows "图片已失效" instead of a broken link.
 * At most 50 ids per SDK call: longer lists are split.
 */
export async function tempUrls(fileIDs: string[], maxAgeSec = 7200): Promise<Record<string, string>> {
  const ids = [...new Set(fileIDs.filter(Boolean))];
  const out: Record<string, string> = {};
  for (let i = 0; i < ids.length; i += 50) {
    const chunk = ids.slice(i, i + 50);
    let list: Array<{ fileID: string; status: number; tempFileURL: string }>;
    try {
      const res = await cloud.getTempFileURL({ fileList: chunk.map((fileID) => ({ fileID, maxAge: maxAgeSec })) });
      list = res ? res.fileList : [];
    } catch (err) {
      throw sdkError('getTempFileURL', err);
    }
    for (const f of list) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL;
  }
  return out;
}

/** Delete files; ids that are already gone are not an error (deleting is idempotent). */
export async function removeFiles(fileIDs: string[]): Promise<void> {
  const ids = [...new Set(fileIDs.filter(Boolean))];
  for (let i = 0; i < ids.length; i += 50) {
    try {
      await cloud.deleteFile({ fileList: ids.slice(i, i + 50) });
    } catch (err) {
      throw sdkError('deleteFile', err);
    }
  }
}
