/** Shared set-up of the report/member/org tests: the demo seed written straight into the store. */
import { createOpenapi, openapiActions, type Openapi } from '../../emulator/openapi';
import { documents } from '../../scripts/seed/data';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

export const NOW = new Date('2026-11-22T02:00:00Z');

export function put(cloud: TestCloud, c: string, docs: Array<Record<string, unknown> & { _id: string }>): void {
  cloud.emulator.store.commit(docs.map((d) => ({ c, id: d._id, doc: { ...d } })));
}

export function all<T = any>(cloud: TestCloud, coll: string, where: Record<string, unknown> = {}): T[] {
  return cloud.emulator.store.all(coll).filter((d: Record<string, unknown>) => Object.entries(where).every(([k, v]) => d[k] === v)) as T[];
}

export function one<T = any>(cloud: TestCloud, coll: string, id: string): T | undefined {
  return all<T & { _id: string }>(cloud, coll).find((d) => d._id === id);
}

/** Seeds the demo data (dist-1, street-1/2, comm-1..4, unit-1..3, admins, 60 members, reports). */
export async function seedDemo(cloud: TestCloud): Promise<void> {
  await cloud.wipe();
  const d = documents(NOW);
  put(cloud, 'orgs', d.orgs);
  put(cloud, 'units', d.units);
  put(cloud, 'admins', d.admins);
  put(cloud, 'members', d.members);
  put(cloud, 'reports', d.reports);
  // a second community admin (花园社区 comm-2) and a second unit admin (unit-2) for scope checks
  put(cloud, 'admins', [
    { _id: 'community:comm-2:admin-c2', openid: 'admin-c2', role: 'community', scopeId: 'comm-2', name: '花园管理员', appointedBy: 'demo-super', createdAt: NOW },
    { _id: 'unit:unit-2:admin-u2', openid: 'admin-u2', role: 'unit', scopeId: 'unit-2', name: '医院管理员', appointedBy: 'demo-super', createdAt: NOW },
  ]);
}

export async function startCloudWithOpenapi(): Promise<{ cloud: TestCloud; openapi: Openapi }> {
  const openapi = createOpenapi();
  const cloud = await startTestCloud({ extraActions: openapiActions(openapi) as never });
  return { cloud, openapi };
}

/** A newcomer with privacy accepted and a complete profile. */
export async function newMember(cloud: TestCloud, openid: string, name = '新党员'): Promise<void> {
  expect(await cloud.call('member', 'consentPrivacy', {}, openid)).toMatchObject({ ok: true });
  const r = await cloud.call('member', 'saveProfile', { name, phone: '13912345678', building: '3 栋', room: '2单元501', branch: '机关党支部' }, openid);
  expect(r).toMatchObject({ ok: true });
}

export const okData = (r: any) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data;
};

/** The report function's every-minute timer, fired now: the follow-ups of approvals (notices, points). */
export const reportTick = (cloud: TestCloud) => cloud.invoke('report', { Type: 'Timer', TriggerName: 'every-minute', Time: new Date().toISOString() });
