import { fail } from '../../core/contracts/errors';
import { buildCommunityScene, REPORT_PAGE, reportLink } from '../../core/domain/scene';
import { requireCommunityAdmin } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { loadCommunity } from '../_shared/report-docs';

/**
 * The community's report code: a mini-program code (wxacode.getUnlimited) whose scene names the
 * community. Returned as a data URL so the poster page can show and save it without storage.
 */
export async function posterCode(input: { communityId: string }, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const community = await loadCommunity(ctx.db, input.communityId);
  let scene: string;
  try {
    scene = buildCommunityScene(community._id);
  } catch {
    fail('SCENE_UNSUPPORTED', '该社区编号过长，无法生成报到码，请联系管理员');
  }
  let res: { errCode?: number; errMsg?: string; contentType?: string; buffer?: unknown };
  try {
    res = (await ctx.cloud.openapi.wxacode.getUnlimited({ scene, page: REPORT_PAGE, checkPath: false, width: 430 } as never)) as typeof res;
  } catch (err) {
    console.error('[posterCode] getUnlimited failed', err);
    fail('QRCODE_FAILED', '生成报到码失败，请稍后重试');
  }
  if (res.errCode || !res.buffer) fail('QRCODE_FAILED', '生成报到码失败，请稍后重试');
  const buf = Buffer.isBuffer(res.buffer) ? res.buffer : typeof res.buffer === 'string' ? Buffer.from(res.buffer, 'base64') : Buffer.from(res.buffer as Uint8Array);
  const image = `data:${res.contentType || 'image/png'};base64,${buf.toString('base64')}`;
  return { communityId: community._id, communityName: community.name, scene, page: REPORT_PAGE, image, link: reportLink(community._id) };
}
