/** Shared fixtures for the task function tests: two streets, three communities, admins, members. */
import type { TestCloud } from '../helpers/cloud';

export const ADMIN_A = 'adm-comm-a';
export const ADMIN_B = 'adm-comm-b';
export const members = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

export async function seedOrgs(cloud: TestCloud, memberCount = 6) {
  const db = cloud.db;
  const add = (coll: string, data: object) => db.collection(coll).add({ data });
  await add('orgs', { _id: 'd1', kind: 'district', name: '示范区', parentId: null, path: [] });
  await add('orgs', { _id: 's1', kind: 'street', name: '东街道', parentId: 'd1', path: ['d1'] });
  await add('orgs', { _id: 'cA', kind: 'community', name: '幸福社区', parentId: 's1', path: ['d1', 's1'] });
  await add('orgs', { _id: 'cB', kind: 'community', name: '和平社区', parentId: 's1', path: ['d1', 's1'] });
  await add('admins', { _id: `community:cA:${ADMIN_A}`, openid: ADMIN_A, role: 'community', scopeId: 'cA', name: '甲', createdAt: new Date() });
  await add('admins', { _id: `community:cB:${ADMIN_B}`, openid: ADMIN_B, role: 'community', scopeId: 'cB', name: '乙', createdAt: new Date() });
  for (const id of members(memberCount)) {
    await add('members', { _id: id, name: `党员${id}`, phone: '13800001234', communityId: 'cA', unitId: null, createdAt: new Date() });
  }
  await add('members', { _id: 'outsider', name: '外社区党员', phone: '13900001234', communityId: 'cB', unitId: null, createdAt: new Date() });
}

export const HOUR = 3_600_000;
export const MIN = 60_000;

/** A task input starting `startIn` ms after `now`, lasting `hours`. */
export function taskInput(now: number, over: Record<string, unknown> = {}, startIn = 2 * HOUR, hours = 2) {
  const startAt = now + startIn;
  return {
    communityId: 'cA',
    title: '小区环境清洁',
    description: '清理楼道杂物',
    category: 'environment',
    startAt: new Date(startAt).toISOString(),
    endAt: new Date(startAt + hours * HOUR).toISOString(),
    signupDeadline: new Date(startAt - HOUR).toISOString(),
    place: { name: '幸福社区广场', lat: 30.25, lng: 120.15, radius: null },
    slots: 2,
    ...over,
  };
}
