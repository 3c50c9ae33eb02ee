/**
 * Eleven months of past service for the dashboards' trends (issue 16): per community and month one
 * finished task (`seed-hist-<community>-<k>`, k months ago) whose signed members are those reported
 * there at the time, attendance confirmed and credited through the real ledger (`award`, idempotent),
 * plus one need a month in 东湖社区 (some answered by a task). Fixed ids, `set`: a reseed duplicates nothing.
 */
import { capByDay, minutesByDay, sumMinutes } from '../../core/domain/hours';
import { award } from '../../functions/_shared/ledger';
import type { SeedStep } from './types';
import { putAll } from './write';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const HISTORY_MONTHS = 11;

const TITLES = ['社区环境卫生大扫除', '政策宣传进楼栋', '关爱独居老人走访', '文明创建劝导', '便民服务集市', '平安巡逻'];
const CATEGORY = ['environment', 'policy', 'care', 'civility', 'service', 'patrol'] as const;
const STREET: Record<string, string> = { 'comm-1': 'street-1', 'comm-2': 'street-1', 'comm-3': 'street-2', 'comm-4': 'street-2' };
/** how many of the reported members come, per community: uneven on purpose, so the comparison ranks */
const TURNOUT: Record<string, number> = { 'comm-1': 0.6, 'comm-2': 0.35, 'comm-3': 0.5, 'comm-4': 0.2 };

export const step: SeedStep = {
  name: 'history',
  async run({ db, now, data }) {
    const today = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    const tasks: Array<Record<string, unknown> & { _id: string }> = [];
    const signups: Array<Record<string, unknown> & { _id: string }> = [];
    const needs: Array<Record<string, unknown> & { _id: string }> = [];
    const awards: Array<Parameters<typeof award>[1]> = [];
    const reports = data.reports.map((r) => ({
      openid: String(r.openid), communityId: String(r.communityId), status: String(r.status), decidedAt: r.decidedAt instanceof Date ? r.decidedAt : null,
    }));
    const members = new Map(data.members.map((m) => [m._id, { _id: m._id, name: String(m.name), phone: String(m.phone) }]));
    for (const org of data.orgs.filter((o) => o.kind === 'community')) {
      const cid = org._id;
      for (let k = 1; k <= HISTORY_MONTHS; k++) {
        const startAt = new Date(today - k * 30 * DAY + 9 * HOUR);
        const endAt = new Date(startAt.getTime() + 2 * HOUR);
        const created = new Date(startAt.getTime() - 5 * DAY);
        const id = `seed-hist-${cid}-${k}`;
        const there = reports.filter((r) => r.communityId === cid && r.status === 'approved' && r.decidedAt && r.decidedAt.getTime() < created.getTime());
        // more members take part in recent months: the trend rises
        const share = TURNOUT[cid] * (1 - k / (HISTORY_MONTHS * 2));
        const joiners = there.filter((_, i) => ((i * 7 + k * 3) % 10) / 10 < share).map((r) => members.get(r.openid)!).filter(Boolean);
        const slots = Math.max(4, joiners.length + (k % 3));
        const t = k % TITLES.length;
        const needId = cid === 'comm-1' ? `seed-hist-need-${k}` : null;
        tasks.push({
          _id: id, communityId: cid, communityName: org.name, streetId: STREET[cid], districtId: 'dist-1',
          title: TITLES[t], description: '常态化志愿服务。', category: CATEGORY[t], startAt, endAt, signupDeadline: new Date(startAt.getTime() - 2 * HOUR),
          place: { name: `${org.name}党群服务中心`, lat: 30.65, lng: 104.05, radius: null }, slots, ruleId: null, skills: [], audience: 'community',
          source: needId && k % 2 === 0 ? { kind: 'need', id: needId } : null, status: 'finished', cancelReason: null,
          signed: joiners.length, waitlisted: 0, nextSeq: joiners.length + 1, createdBy: 'demo-super', createdAt: created, updatedAt: created,
          publishedAt: created, confirmedAt: new Date(endAt.getTime() + HOUR), confirmedBy: 'demo-super',
        });
        joiners.forEach((m, i) => {
          const signInAt = new Date(startAt.getTime() - 5 * 60_000);
          const signOutAt = new Date(endAt.getTime() - i * 6 * 60_000);
          const perDay = capByDay(minutesByDay(signInAt, signOutAt, { startAt, endAt }), {});
          const minutes = sumMinutes(perDay);
          signups.push({
            _id: `${id}:${m._id}`, taskId: id, openid: m._id, communityId: cid, name: m.name, phone: m.phone, status: 'signed', seq: i + 1,
            signInAt, signOutAt, byAdmin: false, minutes, minutesByDay: perDay, days: Object.keys(perDay), confirmed: true,
            confirmedAt: new Date(endAt.getTime() + HOUR),
            noshow: false, awarded: true, createdAt: created, updatedAt: created,
          });
          awards.push({ openid: m._id, cause: 'attendance', sourceId: id, communityId: cid, minutes, at: endAt, actor: 'demo-super' });
        });
        if (needId) {
          const at = new Date(created.getTime() - (2 + (k % 4)) * DAY);
          needs.push({ _id: needId, communityId: cid, title: `${TITLES[t]}需求`, description: '居民反映的需求。', category: CATEGORY[t], status: k % 2 === 0 ? 'matched' : k % 3 === 0 ? 'closed' : 'open', createdBy: 'demo-community-1', createdAt: at, updatedAt: at });
        }
      }
    }
    const counts = { tasks: await putAll(db, 'tasks', tasks), signups: await putAll(db, 'signups', signups), needs: await putAll(db, 'needs', needs), credits: 0 };
    // one member's credits in order (their balance is one document), members side by side
    const ctx = { db, now };
    const byMember = new Map<string, typeof awards>();
    for (const a of awards) byMember.set(a.openid, [...(byMember.get(a.openid) ?? []), a]);
    await Promise.all([...byMember.values()].map(async (list) => {
      for (const a of list) {
        await award(ctx, a);
        counts.credits++;
      }
    }));
    return counts;
  },
};
