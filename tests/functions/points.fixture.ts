/** Shared set-up of the points tests: a small territory, members and admins, written straight into the store. */
import type { TestCloud } from '../helpers/cloud';

export const ORGS = [
  { _id: 'd1', kind: 'district', name: '示范区', parentId: null, path: [] },
  { _id: 's1', kind: 'street', name: '东街道', parentId: 'd1', path: ['d1'] },
  { _id: 's2', kind: 'street', name: '西街道', parentId: 'd1', path: ['d1'] },
  { _id: 'c1', kind: 'community', name: '和平社区', parentId: 's1', path: ['d1', 's1'] },
  { _id: 'c2', kind: 'community', name: '幸福社区', parentId: 's1', path: ['d1', 's1'] },
  { _id: 'c3', kind: 'community', name: '光明社区', parentId: 's2', path: ['d1', 's2'] },
];

export function put(cloud: TestCloud, c: string, docs: Array<Record<string, unknown> & { _id: string }>): void {
  cloud.emulator.store.commit(docs.map((d) => ({ c, id: d._id, doc: { ...d } })));
}

export function seedOrgs(cloud: TestCloud): void {
  put(cloud, 'orgs', ORGS);
  put(cloud, 'units', [{ _id: 'u1', name: '市财政局', communityId: 'c1', streetId: 's1', districtId: 'd1' }]);
}

export function addMember(cloud: TestCloud, openid: string, m: { name?: string; communityId?: string | null; unitId?: string | null; phone?: string } = {}): void {
  put(cloud, 'members', [{ _id: openid, name: m.name ?? `党员${openid}`, phone: m.phone ?? '13800001234', communityId: m.communityId ?? 'c1', unitId: m.unitId ?? null, unitStatus: 'verified', createdAt: new Date() }]);
}

export function addAdmin(cloud: TestCloud, role: string, scopeId: string, openid: string): void {
  put(cloud, 'admins', [{ _id: `${role}:${scopeId}:${openid}`, openid, role, scopeId, name: '管理员', appointedBy: 'test', createdAt: new Date() }]);
}

/** A ledger ctx over the test cloud's real SDK handle. */
export const ledgerCtx = (cloud: TestCloud, now?: Date) => ({ db: cloud.db, now });

export async function all<T>(cloud: TestCloud, coll: string, where: Record<string, unknown> = {}): Promise<T[]> {
  return cloud.emulator.store.all(coll).filter((d) => Object.entries(where).every(([k, v]) => d[k] === v)) as T[];
}

/** Every credit's 公示 window passed: makes all pending entries effective (the 公示 timer's effect step, without batches). */
export async function settleAll(cloud: TestCloud): Promise<void> {
  const { makeEffective } = await import('../../functions/_shared/ledger');
  const pending = cloud.emulator.store.all('ledger').filter((e) => e.pending && e.cause !== 'reversal' && e.cause !== 'effect');
  for (const e of pending) await makeEffective({ db: cloud.db }, e._id as string, 'test');
}
