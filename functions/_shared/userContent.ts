/**
 * What members write and upload for pledges and wishes, in one place: text and photo checks and
 * photo links. Adapter over the content-security and storage helpers (functions/_lib/content.ts,
 * functions/_lib/storage.ts) so the feature code does not change when those do.
 */
import { assertSafeImage, assertSafeText } from '../_lib/content';
import { tempUrls } from '../_lib/storage';
import type { Ctx } from '../_lib/router';

type C = Pick<Ctx, 'db' | 'openid'>;

/** Throws CONTENT_RISKY (naming the field) when a text is not acceptable; nothing is stored then. Scene 3: posts others read. */
export async function checkTexts(ctx: C, fields: Record<string, string | undefined>): Promise<void> {
  await assertSafeText(ctx.openid, fields, 3);
}

/** Every photo must exist in cloud storage and pass the image check (a risky one is deleted). */
export async function checkPhotos(ctx: C, fileIDs: string[]): Promise<void> {
  for (const f of new Set(fileIDs)) await assertSafeImage(ctx.openid, f);
}

/** Temporary links for cloud fileIDs (fileID → url); a missing or expired file maps to ''. */
export async function photoUrls(_ctx: Pick<Ctx, 'db'>, fileIDs: string[]): Promise<Record<string, string>> {
  const ids = [...new Set(fileIDs.filter(Boolean))];
  if (ids.length === 0) return {};
  const urls = await tempUrls(ids);
  return Object.fromEntries(ids.map((f) => [f, urls[f] ?? '']));
}
