/**
 * Demo 反馈单, 出具意见 and 双向评价 on 东湖社区 for LAST year (so this year's quarters stay free for the
 * community admin to draft in the demo and the end-to-end spec): 张伟's and 邓晓东's year letters
 * sent to 锦华区税务局 (one acknowledged), a 出具意见 request from the unit waiting for the
 * community, and the unit ↔ community evaluations of last year. Fixed ids, `set` writes.
 */
import { draftLines, gradeRule, letterNumber, suggestGrade } from '../../core/domain/letter';
import { yearOf } from '../../core/domain/scoring';
import type { EvaluationDoc } from '../../functions/record/evaluations';
import type { LetterDoc } from '../../functions/record/letters';
import type { SeedStep } from './types';
import { putAll } from './write';

const DAY = 86_400_000;

export const step: SeedStep = {
  name: 'letters',
  async run({ db, now, data }) {
    const last = yearOf(now) - 1;
    const sentAt = new Date(Date.parse(`${yearOf(now)}-01-10T10:00:00+08:00`));
    const member = (id: string) => data.members.find((m) => m._id === id) as { _id: string; name: string; phone: string; reportId?: string };
    const letter = (seq: number, openid: string, tasks: number, hours: number, acked: boolean): LetterDoc => {
      const m = member(openid);
      const facts = {
        reported: true, communityName: '东湖社区', reportedSince: null, summary: { tasks, minutes: hours * 60, points: tasks * 8, noshows: 0 },
        pledges: { made: 1, fulfilled: 1 }, wishes: 1, residentConfirmed: 2, ratingAvg: null, ratingCount: 0,
      };
      const grade = suggestGrade('year', facts);
      return {
        _id: `letter-${last}-${openid}`, kind: 'year', periodKey: String(last), periodLabel: `${last} 年度`, from: `${last}-01-01`, to: `${last}-12-31`,
        openid, name: m.name, phone: m.phone, unitId: 'unit-1', unitName: '锦华区税务局', communityId: 'comm-1', communityName: '东湖社区',
        status: acked ? 'acknowledged' : 'sent', lines: draftLines(facts).map((l) => ({ ...l, dispute: null })), grade, suggestedGrade: grade, gradeRule: gradeRule('year'),
        comment: '全年积极参加社区服务，群众评价好。', purpose: null, dueAt: null, disputeUntil: new Date(sentAt.getTime() - 2 * DAY), openDisputes: 0,
        number: letterNumber('FK', 'comm-1', last, seq), draftedAt: new Date(sentAt.getTime() - 9 * DAY), sentAt, sentBy: 'demo-community-1',
        ackAt: acked ? new Date(sentAt.getTime() + 2 * DAY) : null, ackBy: acked ? 'demo-unit-1' : null, ackNote: acked ? '已存档，纳入年度考核' : null,
      };
    };
    const opinion: LetterDoc = {
      ...letter(0, 'demo-member-30', 0, 0, false), _id: 'opinion-seed-1', kind: 'opinion', periodKey: String(yearOf(now)), periodLabel: '出具意见',
      from: `${yearOf(now)}-01-01`, to: new Date(now).toISOString().slice(0, 10), status: 'requested', lines: [], grade: null, suggestedGrade: null, gradeRule: '', comment: '',
      purpose: '拟提拔考察', dueAt: new Date(now.getTime() + 5 * DAY), disputeUntil: null, number: null, draftedAt: new Date(now.getTime() - 2 * DAY), sentAt: null, sentBy: null,
    };
    const letters = [letter(1, 'demo-member-1', 14, 40, true), letter(2, 'demo-member-16', 7, 18, false), opinion];
    const ev = (raterKind: 'unit' | 'community', raterId: string, raterName: string, targetKind: 'unit' | 'community', targetId: string, targetName: string, score: number, remark: string): EvaluationDoc => ({
      _id: `${raterKind}:${raterId}:${targetKind}:${targetId}:${last}`, raterKind, raterId, raterName, targetKind, targetId, targetName, period: String(last), score, grade: null, remark,
      communityId: 'comm-1', streetId: 'street-1', by: raterKind === 'unit' ? 'demo-unit-1' : 'demo-community-1', createdAt: sentAt,
    });
    const evaluations = [
      ev('unit', 'unit-1', '锦华区税务局', 'community', 'comm-1', '东湖社区', 5, '需求对接及时，活动组织有序'),
      ev('community', 'comm-1', '东湖社区', 'unit', 'unit-1', '锦华区税务局', 4, '党员报到率高，共建项目落实'),
    ];
    await putAll(db, 'letters', letters as unknown as Array<{ _id: string } & Record<string, unknown>>);
    await putAll(db, 'evaluations', evaluations as unknown as Array<{ _id: string } & Record<string, unknown>>);
    await putAll(db, 'counters', [{ _id: `letter:comm-1:${last}`, next: 2, updatedAt: sentAt }]);
    return { letters: letters.length, evaluations: evaluations.length };
  },
};
