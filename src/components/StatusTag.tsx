import { Text } from '@tarojs/components';
import './StatusTag.scss';

export type Tone = 'primary' | 'success' | 'warning' | 'info' | 'danger' | 'muted';

/** Label and colour of every status the app shows (reports, unit membership, tasks, signups). */
export const STATUS: Record<string, { text: string; tone: Tone }> = {
  // 报到 (member → community, unit → community)
  pending: { text: '待审核', tone: 'warning' },
  approved: { text: '已报到', tone: 'success' },
  rejected: { text: '未通过', tone: 'danger' },
  withdrawn: { text: '已撤回', tone: 'muted' },
  closed: { text: '已转出', tone: 'muted' },
  unreported: { text: '未报到', tone: 'muted' },
  // 单位党员确认
  verified: { text: '已确认', tone: 'success' },
  // 任务
  draft: { text: '草稿', tone: 'muted' },
  published: { text: '报名中', tone: 'primary' },
  ongoing: { text: '进行中', tone: 'info' },
  finished: { text: '已结束', tone: 'muted' },
  cancelled: { text: '已取消', tone: 'muted' },
  // 报名
  signed: { text: '已报名', tone: 'primary' },
  waitlisted: { text: '候补中', tone: 'warning' },
  signedIn: { text: '已签到', tone: 'info' },
  signedOut: { text: '已签退', tone: 'success' },
  confirmed: { text: '已确认', tone: 'success' },
};

/** A small coloured label: `<StatusTag status='pending' />`, or `<StatusTag tone='info' text='…' />`. */
export function StatusTag({ status, text, tone }: { status?: string; text?: string; tone?: Tone }) {
  const known = status ? STATUS[status] : undefined;
  const t = tone ?? known?.tone ?? 'muted';
  return <Text className={`sbd-tag sbd-tag--${t}`}>{text ?? known?.text ?? status ?? ''}</Text>;
}
