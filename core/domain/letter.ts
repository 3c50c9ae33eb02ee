/**
 * 反馈单 (feedback letter to a member's work unit): its lines drafted from the member's record for a
 * quarter or a year, and the suggested grade with the rule that computed it. Pure: callers load the
 * record; this decides what the letter says. Only confirmed service counts (谁记录谁证明).
 */
import type { RecordSummary } from './record';
import { formatHours } from './record';

export type Grade = '优秀' | '合格' | '基本合格' | '不合格';
export const GRADES: Grade[] = ['优秀', '合格', '基本合格', '不合格'];

export type LineKey = 'report' | 'tasks' | 'noshows' | 'pledges' | 'wishes' | 'ratings' | 'points';
export const LINE_LABEL: Record<LineKey, string> = {
  report: '报到情况', tasks: '参加服务', noshows: '报名未到', pledges: '承诺践诺', wishes: '微心愿', ratings: '群众评价', points: '有效积分',
};

export interface LetterLine { key: LineKey; label: string; value: string }

export interface LetterFacts {
  reported: boolean;
  communityName: string;
  reportedSince: string | null;
  summary: RecordSummary;
  pledges: { made: number; fulfilled: number };
  wishes: number;
  residentConfirmed: number;
  ratingAvg: number | null;
  ratingCount: number;
}

/** Thresholds per quarter; a year needs four times as much. Stated on every letter with its grade. */
const QUARTER = { excellent: { tasks: 3, minutes: 8 * 60 }, pass: 2, basic: 1 };

export function gradeRule(kind: 'quarter' | 'year'): string {
  const k = kind === 'year' ? 4 : 1;
  return `优秀：服务≥${QUARTER.excellent.tasks * k}次且≥${(QUARTER.excellent.minutes / 60) * k}小时且无缺席；合格：服务≥${QUARTER.pass * k}次；基本合格：服务≥${QUARTER.basic}次；不合格：未报到或无经确认的服务`;
}

export function suggestGrade(kind: 'quarter' | 'year', f: Pick<LetterFacts, 'reported' | 'summary'>): Grade {
  const k = kind === 'year' ? 4 : 1;
  const s = f.summary;
  if (!f.reported || s.tasks === 0) return '不合格';
  if (s.tasks >= QUARTER.excellent.tasks * k && s.minutes >= QUARTER.excellent.minutes * k && s.noshows === 0) return '优秀';
  if (s.tasks >= QUARTER.pass * k) return '合格';
  if (s.tasks >= QUARTER.basic) return '基本合格';
  return '不合格';
}

export function draftLines(f: LetterFacts): LetterLine[] {
  const s = f.summary;
  const line = (key: LineKey, value: string): LetterLine => ({ key, label: LINE_LABEL[key], value });
  return [
    line('report', f.reported ? `已报到 ${f.communityName}${f.reportedSince ? `（${f.reportedSince} 起）` : ''}` : '未报到'),
    line('tasks', `${s.tasks} 次，累计 ${formatHours(s.minutes)}`),
    line('noshows', `${s.noshows} 次`),
    line('pledges', `承诺 ${f.pledges.made} 项，已践诺 ${f.pledges.fulfilled} 项`),
    line('wishes', `认领并完成 ${f.wishes} 个`),
    line('ratings', `${f.residentConfirmed} 次服务经居民确认${f.ratingCount ? `；评价 ${f.ratingCount} 条，平均 ${f.ratingAvg!.toFixed(1)} 分` : ''}`),
    line('points', `${s.points} 分`),
  ];
}

/** 反馈单 number: FK-<community>-<year>-<6-digit sequence>; 出具意见 uses YJ-. */
export function letterNumber(prefix: 'FK' | 'YJ', communityId: string, year: number, seq: number): string {
  return `${prefix}-${communityId.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}-${year}-${String(seq).padStart(6, '0')}`;
}

/** The letter period of a key: `2026Q3` (quarter) or `2026` (year). */
export function periodOfKey(key: string): { kind: 'quarter' | 'year'; year: number; from: string; to: string; label: string } | null {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (!m[2]) return { kind: 'year', year, from: `${year}-01-01`, to: `${year}-12-31`, label: `${year} 年度` };
  const q = Number(m[2]);
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return { kind: 'quarter', year, from: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${year}-${ends[q - 1]}`, label: `${year} 年第 ${q} 季度` };
}

/** Days after a quarter ends during which the letter timer drafts it (a missed day is caught up; a marker makes it once). */
export const DRAFT_WINDOW_DAYS = 7;

/**
 * The periods the letter timer drafts on a China-time day: the quarter just ended during the first
 * DRAFT_WINDOW_DAYS of January, April, July and October; in January also the year just ended.
 */
export function duePeriods(day: string): string[] {
  const [y, m, d] = day.split('-').map(Number);
  if (![1, 4, 7, 10].includes(m) || d > DRAFT_WINDOW_DAYS) return [];
  const q = (m - 1) / 3; // the quarter that ended: 0 means Q4 of last year
  return m === 1 ? [`${y - 1}Q4`, `${y - 1}`] : [`${y}Q${q}`];
}
