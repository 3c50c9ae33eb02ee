import { AppError, CONTENT_CHECK_UNAVAILABLE, CONTENT_RISKY, FILE_NOT_FOUND } from '../../core/contracts/errors';
import { cloud } from './cloud';

/**
 * WeChat requires user-generated content shown to others to pass its content security check.
 * Every function that stores such text or an image calls these BEFORE writing anything.
 * Both `risky` and `review` are refused: there is no moderation queue, so "needs review" cannot be shown.
 *
 * scene (msgSecCheck v2): 1 资料 (names, profiles), 2 评论, 3 论坛 (wishes, pledges, task texts), 4 社交日志.
 */
export type Scene = 1 | 2 | 3 | 4;

const IMG_SYNC_LIMIT = 1024 * 1024; // imgSecCheck takes images up to 1 MB

/** The API wants the real mime type; sniff it from the first bytes. */
function imageType(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return 'image/png';
}

function unavailable(err: unknown): AppError {
  console.error('[content] security check failed', err);
  return new AppError(CONTENT_CHECK_UNAVAILABLE, '内容安全检查暂时不可用，请稍后重试');
}

/**
 * Check each non-empty field (keyed by its Chinese label, e.g. `{ 愿望内容: text }`); throws
 * CONTENT_RISKY naming the first field that fails. One API call per field, in parallel.
 */
export async function assertSafeText(openid: string, fields: Record<string, string | undefined>, scene: Scene = 2): Promise<void> {
  const entries = Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.trim() !== '') as Array<[string, string]>;
  const verdicts = await Promise.all(entries.map(async ([label, content]) => {
    try {
      const res = (await cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content } as never)) as { result?: { suggest?: string } };
      return { label, suggest: res.result?.suggest ?? 'pass' };
    } catch (err) {
      if ((err as { errCode?: number }).errCode === 87014) return { label, suggest: 'risky' };
      throw unavailable(err);
    }
  }));
  const bad = verdicts.find((v) => v.suggest !== 'pass');
  if (bad) throw new AppError(CONTENT_RISKY, `${bad.label}包含不适宜发布的内容，请修改后再提交`, { field: bad.label });
}

/**
 * Check an uploaded image (a `cloud://` file id the client uploaded). A risky image is deleted and
 * CONTENT_RISKY thrown; an image over 1 MB is refused (the client compresses before upload).
 */
export async function assertSafeImage(openid: string, fileID: string): Promise<void> {
  let image: Buffer;
  try {
    image = (await cloud.downloadFile({ fileID })).fileContent as Buffer;
  } catch (err) {
    throw new AppError(FILE_NOT_FOUND, '图片不存在或已过期，请重新上传', { fileID, cause: (err as { errMsg?: string }).errMsg });
  }
  if (image.length > IMG_SYNC_LIMIT) throw new AppError('VALIDATION_FAILED', '图片太大（超过 1 MB），请压缩后重新上传', { fileID });
  try {
    await cloud.openapi.security.imgSecCheck({ media: { contentType: imageType(image), value: image } } as never);
  } catch (err) {
    if ((err as { errCode?: number }).errCode !== 87014) throw unavailable(err);
    console.warn(`[content] risky image from ${openid} removed: ${fileID}`);
    try { await cloud.deleteFile({ fileList: [fileID] }); } catch { /* already gone */ }
    throw new AppError(CONTENT_RISKY, '图片包含不适宜发布的内容，请更换图片', { fileID });
  }
}
