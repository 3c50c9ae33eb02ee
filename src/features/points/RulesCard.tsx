import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PointsRuleDto } from '@core/contracts/points';
import { api, useAction, useQuery } from '../../api';
import { Card, Field, PageState, confirm } from '../../components';
import { RULE_FIELDS, describeRule } from './format';
import './points.scss';

const SOURCE = { own: '本级规则', district: '沿用区级规则', default: '默认规则' } as const;

/**
 * The rule in force for `scopeId` (default: my community). Admins who may change it (district for
 * a district, community admins for their community's override) get an edit form that saves a new
 * version; entries already credited keep the version that computed them.
 */
export function RulesCard({ scopeId }: { scopeId?: string }) {
  const q = useQuery(() => api.points.rules(scopeId ? { scopeId } : {}), [scopeId]);
  const [editing, setEditing] = useState<Record<string, string> | null>(null);
  // the message shows under the field it is about
  const [error, setError] = useState<{ key: keyof PointsRuleDto; text: string } | null>(null);
  const fail = (key: keyof PointsRuleDto, text: string) => setError({ key, text });
  const save = useAction((input: { scopeId: string; rule: PointsRuleDto }) => api.points.setRules(input), {
    success: '已保存新版本',
    onSuccess: () => { setEditing(null); void q.reload(); },
  });

  async function submit() {
    if (!q.data || !editing) return;
    const rule = {} as PointsRuleDto;
    for (const f of RULE_FIELDS) {
      const n = Number(editing[f.key]);
      if (editing[f.key] === '' || !Number.isInteger(n)) return fail(f.key, '请输入整数');
      rule[f.key] = n;
    }
    if (rule.noshow > 0) return fail('noshow', '报名未到应为负数或 0');
    if (rule.dailyCap > rule.yearlyCap) return fail('dailyCap', '每日上限不能大于年度上限');
    if (rule.minMinutes < 1) return fail('minMinutes', '至少 1 分钟');
    if (rule.gongshiDays < 3 || rule.gongshiDays > 7) return fail('gongshiDays', '公示期应为 3–7 个工作日');
    if (rule.reviewAbove < 0 || rule.reviewAbove > 1000) return fail('reviewAbove', '需复核的调整分值应在 0–1000 之间');
    setError(null);
    const ok = await confirm({ title: '保存为新版本？', content: '新规则从现在起计算积分，已获得的积分不会改变。', danger: false });
    if (ok) await save.run({ scopeId: q.data.scopeId, rule });
  }

  return (
    <PageState loading={q.loading} rows={1} error={q.error} onRetry={q.reload}>
      {q.data && (
        <Card
          title={`积分规则 · ${q.data.scopeName}`}
          extra={<Text>{SOURCE[q.data.source]}{q.data.version ? ` 第 ${q.data.version} 版` : ''}</Text>}
        >
          {editing ? (
            <View>
              {RULE_FIELDS.map((f) => (
                <Field
                  key={f.key}
                  title={f.label}
                  value={editing[f.key]}
                  placeholder=''
                  extra={f.unit}
                  error={error?.key === f.key ? error.text : undefined}
                  onInput={(v) => setEditing({ ...editing, [f.key]: v.trim() })}
                />
              ))}
              <Button className='pts-btn' disabled={save.loading || undefined} loading={save.loading} onClick={() => void submit()}>保存新版本</Button>
              <Text className='pts-hint' onClick={() => { setEditing(null); setError(null); }}>取消</Text>
            </View>
          ) : (
            <View>
              <Text className='pts-rule'>{describeRule(q.data.rule)}</Text>
              {q.data.canEdit && (
                <Button className='pts-mini pts-mini--block' size='mini'
                  onClick={() => setEditing(Object.fromEntries(RULE_FIELDS.map((f) => [f.key, String(q.data!.rule[f.key])])))}>
                  修改规则
                </Button>
              )}
            </View>
          )}
        </Card>
      )}
    </PageState>
  );
}
