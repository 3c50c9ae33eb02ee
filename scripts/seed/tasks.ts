/**
 * Demo volunteer tasks for comm-1..4: finished ones in the past (attendance confirmed, hours and
 * points credited through the real ledger), one in progress now (some members signed in), upcoming
 * ones open for signup, plus a draft, needs and a project for 东湖社区 (comm-1).
 * Ids are fixed (`seed-task-…`), documents are written with `set`, and `award` is idempotent, so a
 * reseed never duplicates anything.
 */
import { randomBytes } from 'node:crypto';
import type { TaskCategory } from '../../core/contracts/task';
import { capByDay, minutesByDay, sumMinutes } from '../../core/domain/hours';
import { award } from '../../functions/_shared/ledger';
import type { SeedStep } from './types';
import { putAll } from './write';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIN = 60_000;

interface Plan { title: string; category: TaskCategory; place: string; description: string; slots: number; hours: number }

/** Real community volunteer activities, per community: [past, past, now, future, future]. */
const PLANS: Record<string, Plan[]> = {
  'comm-1': [
    { title: '楼道杂物清理行动', category: 'environment', place: '东湖社区 3 栋、5 栋楼道', description: '清理楼道堆放的纸箱、旧家具等杂物，消除消防隐患。请自带手套。', slots: 8, hours: 2 },
    { title: '反诈骗知识进社区宣传', category: 'policy', place: '东湖社区党群服务中心门口', description: '向居民发放反诈宣传册，指导安装国家反诈中心 App。', slots: 6, hours: 3 },
    { title: '文明交通劝导岗', category: 'civility', place: '东湖路与花园街交叉口', description: '在路口劝导行人和非机动车遵守信号灯，佩戴志愿者红马甲。', slots: 6, hours: 3 },
    { title: '独居老人上门探访', category: 'care', place: '东湖社区各楼栋', description: '两人一组探访独居老人，了解生活需求，检查燃气和用电安全。', slots: 10, hours: 3 },
    { title: '小区垃圾分类督导', category: 'environment', place: '东湖社区 1 号垃圾分类投放点', description: '晚间投放高峰在投放点值守，指导居民正确分类投放。', slots: 4, hours: 2 },
  ],
  'comm-2': [
    { title: '义诊进社区', category: 'service', place: '花园社区卫生服务站', description: '配合市第一人民医院医生开展血压、血糖测量和健康咨询。', slots: 6, hours: 3 },
    { title: '医保政策宣讲', category: 'policy', place: '花园社区活动室', description: '讲解城乡居民医保缴费、异地就医备案等政策。', slots: 4, hours: 2 },
    { title: '公园文明游园引导', category: 'civility', place: '花园街口袋公园', description: '劝导不文明遛狗、乱丢垃圾等行为，维护公园环境。', slots: 5, hours: 3 },
    { title: '困难家庭入户慰问', category: 'care', place: '花园社区困难家庭', description: '为困难家庭送去慰问物资，登记家庭实际困难。', slots: 6, hours: 3 },
    { title: '免费理发便民服务', category: 'service', place: '花园社区党群服务中心', description: '为行动不便的老人提供免费理发，需有理发技能的党员优先。', slots: 4, hours: 3 },
  ],
  'comm-3': [
    { title: '节前消防安全检查', category: 'patrol', place: '西山社区沿街商铺', description: '检查商铺灭火器、疏散通道，发放消防安全提示。', slots: 6, hours: 3 },
    { title: '河道垃圾清捡', category: 'environment', place: '西山社区沿河步道', description: '清捡河道两侧垃圾，劝导居民不向河道倾倒垃圾。', slots: 10, hours: 2 },
    { title: '夜间平安巡逻', category: 'patrol', place: '西山社区各小区', description: '与网格员一起夜间巡逻，关注电动车违规充电和可疑人员。', slots: 6, hours: 3 },
    { title: '“四点半课堂”作业辅导', category: 'care', place: '西山社区四点半课堂', description: '为双职工家庭的小学生辅导作业，教师党员优先。', slots: 5, hours: 2 },
    { title: '垃圾分类知识宣传', category: 'policy', place: '西山社区广场', description: '摆摊宣传垃圾分类知识，组织居民参与分类小游戏。', slots: 6, hours: 2 },
  ],
  'comm-4': [
    { title: '老旧小区环境整治', category: 'environment', place: '枫林社区 2 号院', description: '清理绿化带杂物和小广告，整理共享单车。', slots: 8, hours: 3 },
    { title: '防范电信诈骗入户宣传', category: 'policy', place: '枫林社区各楼栋', description: '入户向老年居民讲解常见诈骗手法。', slots: 6, hours: 2 },
    { title: '上下学护学岗', category: 'civility', place: '枫林小学门口', description: '上学时段维护校门口秩序，护送学生过马路。', slots: 4, hours: 2 },
    { title: '空巢老人陪伴聊天', category: 'care', place: '枫林社区日间照料中心', description: '陪老人聊天、读报，协助开展手工活动。', slots: 6, hours: 2 },
    { title: '便民维修服务日', category: 'service', place: '枫林社区广场', description: '为居民免费维修小家电、自行车，有维修技能的党员优先。', slots: 5, hours: 3 },
  ],
};

const PLACES: Record<string, { lat: number; lng: number; name: string }> = {
  'comm-1': { lat: 30.6571, lng: 104.0806, name: '东湖社区' },
  'comm-2': { lat: 30.6612, lng: 104.0732, name: '花园社区' },
  'comm-3': { lat: 30.6408, lng: 104.0321, name: '西山社区' },
  'comm-4': { lat: 30.6385, lng: 104.0402, name: '枫林社区' },
};
const STREET: Record<string, string> = { 'comm-1': 'street-1', 'comm-2': 'street-1', 'comm-3': 'street-2', 'comm-4': 'street-2' };

export const step: SeedStep = {
  name: 'tasks',
  async run({ db, now, data }) {
    // start of today in China time, so demo tasks sit at sensible local hours
    const today = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    const tasks: Array<Record<string, unknown> & { _id: string }> = [];
    const signups: Array<Record<string, unknown> & { _id: string }> = [];
    const awards: Array<Parameters<typeof award>[1]> = [];
    const admin = (cid: string) => (cid === 'comm-1' ? 'demo-community-1' : 'demo-super');

    for (const [cid, plans] of Object.entries(PLANS)) {
      const org = data.orgs.find((o) => o._id === cid)!;
      const people = data.members.filter((m) => m.communityId === cid) as Array<{ _id: string; name: string; phone: string }>;
      // [days from today, start hour]: two finished, one running now, two upcoming
      const when: Array<{ start: number; kind: 'past' | 'now' | 'future' }> = [
        { start: today - 9 * DAY + 9 * HOUR, kind: 'past' },
        { start: today - 3 * DAY + 14 * HOUR, kind: 'past' },
        { start: now.getTime() - HOUR, kind: 'now' },
        { start: today + 2 * DAY + 9 * HOUR, kind: 'future' },
        { start: today + 5 * DAY + 15 * HOUR, kind: 'future' },
      ];
      plans.forEach((p, i) => {
        const id = `seed-task-${cid}-${i + 1}`;
        const w = when[i];
        const startAt = new Date(Math.floor(w.start / MIN) * MIN);
        const endAt = new Date(startAt.getTime() + p.hours * HOUR);
        const deadline = new Date(startAt.getTime() - 2 * HOUR);
        const joiners = people.slice(i % 2, (i % 2) + Math.min(p.slots, w.kind === 'future' ? 3 : 5));
        const created = new Date(startAt.getTime() - 6 * DAY);
        const base = PLACES[cid];
        tasks.push({
          _id: id, communityId: cid, communityName: org.name, streetId: STREET[cid], districtId: 'dist-1',
          title: p.title, description: p.description, category: p.category, startAt, endAt, signupDeadline: deadline,
          place: { name: p.place, lat: base.lat + i * 0.001, lng: base.lng, radius: null }, slots: p.slots, ruleId: null, skills: [],
          audience: i === 4 ? 'anyone' : 'community', source: null, status: w.kind === 'past' ? 'finished' : 'published', cancelReason: null,
          signed: joiners.length, waitlisted: 0, nextSeq: joiners.length + 1, createdBy: admin(cid), createdAt: created, updatedAt: created,
          publishedAt: created, confirmedAt: w.kind === 'past' ? new Date(endAt.getTime() + HOUR) : null, confirmedBy: w.kind === 'past' ? admin(cid) : null,
          codeSecret: randomBytes(32).toString('hex'), // as publish writes it (functions/task/secret.ts)
        });
        joiners.forEach((m, k) => {
          const signedUpAt = new Date(created.getTime() + (k + 1) * HOUR);
          const doc: Record<string, unknown> & { _id: string } = {
            _id: `${id}:${m._id}`, taskId: id, openid: m._id, communityId: cid, name: m.name, phone: m.phone, status: 'signed', seq: k + 1,
            signInAt: null, signOutAt: null, byAdmin: false, minutes: null, minutesByDay: {}, days: [], confirmed: false, confirmedAt: null,
            noshow: false, awarded: false, createdAt: signedUpAt, updatedAt: signedUpAt,
          };
          if (w.kind === 'past') {
            const noshow = k === joiners.length - 1 && joiners.length > 2; // the last one did not come
            if (!noshow) {
              const signInAt = new Date(startAt.getTime() - (5 + k) * MIN);
              const signOutAt = new Date(endAt.getTime() - k * 7 * MIN);
              const perDay = capByDay(minutesByDay(signInAt, signOutAt, { startAt, endAt }), {});
              Object.assign(doc, { signInAt, signOutAt, minutes: sumMinutes(perDay), minutesByDay: perDay, days: Object.keys(perDay) });
            } else {
              Object.assign(doc, { minutes: 0, noshow: true });
            }
            Object.assign(doc, { confirmed: true, confirmedAt: new Date(endAt.getTime() + HOUR), awarded: true });
            awards.push({
              openid: m._id, cause: noshow ? 'noshow' : 'attendance', sourceId: id, communityId: cid,
              minutes: noshow ? 0 : (doc.minutes as number), at: endAt, actor: admin(cid),
            });
          } else if (w.kind === 'now' && k < 3) {
            Object.assign(doc, { signInAt: new Date(startAt.getTime() - (10 - k) * MIN) });
          }
          signups.push(doc);
        });
      });
    }

    const needs = [
      { _id: 'seed-need-1', title: '独居老人定期探访', description: '社区有 23 位独居老人，需要每周上门探访一次。', category: 'care', status: 'matched' },
      { _id: 'seed-need-2', title: '楼道堆物清理', description: '3 栋、5 栋楼道堆物较多，存在消防隐患。', category: 'environment', status: 'matched' },
      { _id: 'seed-need-3', title: '老年人智能手机培训', description: '不少老人不会用手机挂号、缴费，希望有人手把手教。', category: 'service', status: 'open' },
    ].map((n, i) => ({ ...n, communityId: 'comm-1', createdBy: 'demo-community-1', createdAt: new Date(today - (30 - i) * DAY), updatedAt: new Date(today - (30 - i) * DAY) }));
    const projects = [
      {
        _id: 'seed-project-1', communityId: 'comm-1', title: '银龄关爱共建项目', description: '税务局党员与社区网格员结对，每周探访独居老人。',
        needId: 'seed-need-1', resource: '志愿者·机关党员志愿服务队 20人：每月开展一次志愿服务', unitId: 'unit-1', status: 'active',
        createdBy: 'demo-community-1', createdAt: new Date(today - 20 * DAY), updatedAt: new Date(today - 20 * DAY),
      },
    ];
    tasks.push({
      ...tasks.find((t) => t._id === 'seed-task-comm-1-4')!, _id: 'seed-task-comm-1-draft', title: '老年人智能手机使用培训', category: 'service',
      description: '教老人用手机挂号、视频通话、识别诈骗短信。', status: 'draft', signed: 0, nextSeq: 1, publishedAt: null,
      source: { kind: 'need', id: 'seed-need-3' }, startAt: new Date(today + 7 * DAY + 14 * HOUR), endAt: new Date(today + 7 * DAY + 16 * HOUR), signupDeadline: new Date(today + 7 * DAY + 12 * HOUR),
    });

    const counts = {
      tasks: await putAll(db, 'tasks', tasks),
      signups: await putAll(db, 'signups', signups),
      needs: await putAll(db, 'needs', needs),
      projects: await putAll(db, 'projects', projects),
      credits: 0,
    };
    const ctx = { db, now };
    for (const a of awards) {
      await award(ctx, a);
      counts.credits++;
    }
    return counts;
  },
};
