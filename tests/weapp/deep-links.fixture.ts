/**
 * Pages opened by a typed or shared link without the parameter the app's own links pass: 反馈单 without
 * `view` shows the caller's own role's view (a member's letters, not the community's drafting page),
 * 阈值 without `districtId` opens the district admin's own district and tells anyone else why not.
 * (The harness loads each route once per file: the cases are spread over the deep-links*.test.ts files.)
 */
import type { GrantView, Whoami } from '../../core/contracts/member';
import { DEFAULT_THRESHOLDS } from '../../core/domain/stats';
import { renderPage, type CloudHandler } from './harness';

const whoamiOf = (grants: GrantView[]): Whoami => ({ openid: 'x', profile: null, grants, report: null, unit: null, privacyAccepted: true, unreadInbox: 0 });

export const UNIT_ADMIN: GrantView[] = [{ role: 'unit', scopeId: 'unit-1', scopeName: '锦华区税务局' }];
export const COMMUNITY_ADMIN: GrantView[] = [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }];
export const DISTRICT_ADMIN: GrantView[] = [{ role: 'district', scopeId: 'd1', scopeName: '锦华区' }];

/** /record/letters/index without `view`, as someone with `grants`: which letters action the page called */
export async function lettersWithoutView(grants: GrantView[], text: string): Promise<string[]> {
  const cloud: CloudHandler = (name, { action }) => {
    if (name === 'member' && action === 'whoami') return { ok: true, data: whoamiOf(grants) };
    if (name === 'record' && /^(my|unit|community)Letters$/.test(action)) return { ok: true, data: { items: [], total: 0, page: 1, pageSize: 10 } };
    return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
  };
  const page = await renderPage('record/letters/index', {}, { cloud });
  await page.waitForText(text);
  await page.waitFor(() => page.calls.some((c) => /Letters$/.test(c.action)));
  return [...new Set(page.calls.filter((c) => /Letters$/.test(c.action)).map((c) => c.action))];
}

/** /dashboard/thresholds/index without `districtId`, as someone with `grants`: the page and the scopes it asked the dashboard for */
export async function thresholdsWithoutDistrict(grants: GrantView[], text: string): Promise<string[]> {
  const asked: string[] = [];
  const cloud: CloudHandler = (name, { action, data }) => {
    if (name === 'member' && action === 'whoami') return { ok: true, data: whoamiOf(grants) };
    if (name !== 'stats' || action !== 'dashboard') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    asked.push((data as { scopeId: string }).scopeId);
    return {
      ok: true,
      data: {
        scope: { id: 'd1', kind: 'district', name: '锦华区', parentId: null, path: [] }, month: '2026-11', asOf: '2026-11-29T14:00:00.000Z', months: [], children: [], siblings: [],
        idleMembers: { count: 0, items: [] }, idleUnits: { count: 0, items: [] }, members: null,
        thresholds: { version: 2, values: DEFAULT_THRESHOLDS, at: '2026-11-29T13:00:00.000Z' }, canEditThresholds: true,
      },
    };
  };
  const page = await renderPage('dashboard/thresholds/index', {}, { cloud });
  await page.waitForText(text);
  return asked;
}
