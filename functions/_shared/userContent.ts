/**
 * What members write and upload for pledges and wishes, in one place: text and photo checks and
 * photo links. Adapter over the content-security and storage helpers (functions/_lib/content.ts,
 * functions/_lib/storage.ts) so the feature code does not change when those do.
 */
import { tempUrls } from '../_lib/storage';
import type { Ctx } from '../_lib/router';

type C = Pick<Ctx, 'db'> & { openid?: string };

/** Throws CONTENT_RISKY (naming the field) when a text is not acceptable; nothing is stored then. */
export async function checkTexts(_ctx: C, _fields: Record<string, string | undefined>): Promise<void> {
  // TODO(h9): assertSafeText once functions/_lib/content.ts lands
}

export async function checkPhotos(_ctx: C, _fileIDs: string[]): Promise<void> {
  // TODO(h9): assertSafeImage once functions/_lib/content.ts lands
}

/** Temporary links for cloud fileIDs (fileID → url); a missing or expired file maps to ''. */
export async function photoUrls(_ctx: C, fileIDs: string[]): Promise<Record<string, string>> {
  const ids = [...new Set(fileIDs.filter(Boolean))];
  if (ids.length === 0) return {};
  const urls = await tempUrls(ids);
  return Object.fromEntries(ids.map((f) => [f, urls[f] ?? '']));
}
