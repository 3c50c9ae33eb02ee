import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { EvaluationDto } from '@core/contracts/record';
import { newRequestId, useAction } from '../../api';
import { Chips, Field, TextArea } from '../../components';
import { FormActions } from '../../features/record';

export type Grade = NonNullable<EvaluationDto['grade']>;
export const GRADES: Grade[] = ['优秀', '合格', '基本合格', '不合格'];
const SCORES = ['1', '2', '3', '4', '5'] as const;
const SCORE_LABEL: Record<string, string> = { 1: '1 很差', 2: '2 较差', 3: '3 一般', 4: '4 较好', 5: '5 很好' };

export interface EvaluationInput { score: number; grade?: Grade; remark?: string; requestId: string }

/**
 * 1–5 score (+ a grade for a member's year) and a remark, errors next to the field. One requestId
 * per open form, so a double tap or a retry gives one evaluation.
 */
export function EvaluateForm(p: { withGrade?: boolean; remarkHint: string; submitLabel?: string; onSubmit: (v: EvaluationInput) => Promise<unknown>; onDone: () => void; onCancel?: () => void }) {
  const [score, setScore] = useState<string | null>(null);
  const [grade, setGrade] = useState<Grade | null>(null);
  const [remark, setRemark] = useState('');
  const [errors, setErrors] = useState<{ score?: string; grade?: string }>({});
  const [requestId] = useState(newRequestId);
  const send = useAction(() => p.onSubmit({ score: Number(score), grade: grade ?? undefined, remark: remark.trim() || undefined, requestId }), { success: '评价已提交', onSuccess: p.onDone });
  const submit = () => {
    const e = { score: score ? undefined : '请选择 1–5 分', grade: p.withGrade && !grade ? '请选择等次' : undefined };
    setErrors(e);
    if (!e.score && !e.grade) void send.run();
  };
  return (
    <View className='ev-form'>
      <Field title='评分' required error={errors.score} description='5 分最高'>
        <Text className='ev-score-now'>{score ? SCORE_LABEL[score] : '未选择'}</Text>
      </Field>
      <Chips<string> options={SCORES.map((s) => ({ value: s, label: '★'.repeat(Number(s)) }))} value={score} onChange={(v) => (setScore(v), setErrors({ ...errors, score: undefined }))} />
      {p.withGrade && (
        <View>
          <Field title='等次' required error={errors.grade}>
            <Text className='ev-score-now'>{grade ?? '未选择'}</Text>
          </Field>
          <Chips<Grade> options={GRADES.map((g) => ({ value: g, label: g }))} value={grade} onChange={(g) => (setGrade(g), setErrors({ ...errors, grade: undefined }))} />
        </View>
      )}
      <TextArea title='评语' value={remark} onInput={setRemark} maxlength={p.withGrade ? 300 : 200} placeholder={p.remarkHint} description='选填，被评价方可以看到' />
      <FormActions label={p.submitLabel ?? '提交评价'} loading={send.loading} onSubmit={submit} onCancel={p.onCancel ?? (() => (setScore(null), setGrade(null), setRemark(''), setErrors({})))} />
    </View>
  );
}

/** An evaluation already given or received: stars, grade, remark, who and when. */
export function EvaluationLine({ e, showRater }: { e: EvaluationDto; showRater?: boolean }) {
  return (
    <View className='ev-line'>
      <Text className='ev-stars'>{'★'.repeat(e.score)}{'☆'.repeat(5 - e.score)}</Text>
      <Text className='rec-title'>{e.score} 分{e.grade ? ` · ${e.grade}` : ''}{showRater ? ` · ${e.raterName}` : ''}</Text>
      {!!e.remark && <Text className='rec-detail'>{e.remark}</Text>}
      <Text className='rf-hint'>{e.createdAt.slice(0, 10)} 评价</Text>
    </View>
  );
}
