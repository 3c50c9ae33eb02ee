import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { LetterDto } from '@core/contracts/record';
import { fmtDate } from '@core/format';
import { Card, StatusTag, type Tone } from '../../components';

const STATUS: Record<LetterDto['status'], { text: string; tone: Tone }> = {
  draft: { text: '草稿', tone: 'warning' },
  requested: { text: '待出具', tone: 'warning' },
  sent: { text: '待回执', tone: 'primary' },
  acknowledged: { text: '已回执', tone: 'success' },
};

/**
 * One 反馈单 (or 出具意见): who, period, its lines (a disputed line shows the dispute and the
 * answer), grade with the rule behind it, the community's comment, number and dates. A line's
 * action (e.g. 有异议) comes from `lineAction`; the letter's actions are the children.
 */
export function LetterCard({ l, lineAction, children }: { l: LetterDto; lineAction?: (line: LetterDto['lines'][number]) => ReactNode; children?: ReactNode }) {
  const s = STATUS[l.status];
  return (
    <Card title={`${l.name} · ${l.periodLabel}`} extra={<StatusTag tone={s.tone} text={s.text} />}>
      <Text className='rec-detail'>
        {l.communityName} → {l.unitName} · {l.phone}
      </Text>
      {l.number && <Text className='rec-title'>编号 {l.number}</Text>}
      {l.purpose && <Text className='rec-detail'>用途：{l.purpose}{l.dueAt && l.status === 'requested' ? ` · 请于 ${fmtDate(l.dueAt)} 前出具` : ''}</Text>}
      {l.lines.map((x) => (
        <View key={x.key} className='letter-line'>
          <View className='letter-line__row'>
            <Text className='letter-line__label'>{x.label}</Text>
            <Text className='letter-line__value'>{x.value}</Text>
          </View>
          {x.dispute && (
            <Text className={`rec-status${x.dispute.answer ? '' : ' rec-status--bad'}`}>
              异议：{x.dispute.reason}
              {x.dispute.answer ? `（原为“${x.dispute.before}”；社区答复：${x.dispute.answer}）` : '（待社区答复）'}
            </Text>
          )}
          {lineAction?.(x)}
        </View>
      ))}
      {l.grade && (
        <View className='letter-line'>
          <View className='letter-line__row'>
            <Text className='letter-line__label'>{l.kind === 'opinion' ? '意见等次' : l.suggestedGrade && l.grade !== l.suggestedGrade ? '社区评定等次' : '建议等次'}</Text>
            <Text className='letter-line__value letter-line__value--strong'>{l.grade}</Text>
          </View>
          {l.gradeRule && <Text className='rec-detail'>{l.grade !== l.suggestedGrade && l.suggestedGrade ? `社区评定（规则建议：${l.suggestedGrade}）。` : ''}规则：{l.gradeRule}</Text>}
        </View>
      )}
      {l.comment && <Text className='rec-detail'>{l.kind === 'opinion' ? '意见' : '社区评语'}：{l.comment}</Text>}
      <Text className='rec-detail'>
        {l.sentAt ? `发送于 ${fmtDate(l.sentAt)}` : `生成于 ${fmtDate(l.draftedAt)}`}
        {l.status === 'draft' && l.disputeUntil ? ` · 异议截止 ${fmtDate(l.disputeUntil)}` : ''}
        {l.ackAt ? ` · 单位回执于 ${fmtDate(l.ackAt)}${l.ackNote ? `：${l.ackNote}` : ''}` : ''}
      </Text>
      {children && <View className='rf-btn-row'>{children}</View>}
    </Card>
  );
}
