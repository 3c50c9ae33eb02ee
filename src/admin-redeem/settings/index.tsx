import { Button, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { api, useAction, useQuery } from '../../api';
import { Card, Chips, Field, PageState, confirm, toastSuccess } from '../../components';
import { useAdminScope } from '../../features/report';
import { checkSettings, type SettingsErrors, type SettingsForm } from './check';
import '../../features/redeem/redeem.scss';

const YEARS = [0, 1, 2, 3, 4, 5];
const yearsLabel = (n: number) => (n === 0 ? '当年底' : `次${n === 1 ? '' : ` ${n} `}年底`);

/** District admin: 积分兑换 settings of a district (兑换比例, 有效期, the switch that turns material rewards off). */
export default function RedeemSettings() {
  const scope = useAdminScope(['district', 'super']);
  // a super admin's scope is the root: they pick one of the districts
  const tree = useQuery(() => (scope.isSuper ? api.org.tree({}) : Promise.resolve(null)), [scope.isSuper]);
  const districts = useMemo(() => {
    const own = scope.options.filter((g) => g.role === 'district').map((g) => ({ value: g.scopeId, label: g.scopeName }));
    const all = (tree.data?.items ?? []).filter((n) => n.kind === 'district').map((n) => ({ value: n.id, label: n.name }));
    return [...own, ...all.filter((a) => !own.some((o) => o.value === a.value))];
  }, [scope.options, tree.data]);
  const [picked, setPicked] = useState<string | null>(null);
  const districtId = picked ?? (scope.scopeId && scope.scopeId !== 'root' ? scope.scopeId : null) ?? districts[0]?.value ?? null;
  const q = useQuery(() => (districtId ? api.redeem.settings({ scopeId: districtId }) : Promise.resolve(null)), [districtId]);
  const [f, setF] = useState<SettingsForm>({ ratio: '1', validYears: 1, materialOff: false });
  const [errors, setErrors] = useState<SettingsErrors>({});
  useEffect(() => {
    const s = q.data;
    if (s) setF({ ratio: String(s.ratio), validYears: s.validYears, materialOff: s.materialOff });
  }, [q.data]);
  const save = useAction(async () => {
    const e = checkSettings(f);
    setErrors(e);
    const s = q.data;
    if (Object.keys(e).length || !s?.districtId) return null;
    const turningOff = f.materialOff && !s.materialOff;
    const ok = await confirm(turningOff
      ? { title: '关闭实物兑换？', content: '关闭后本区各社区只能兑换荣誉类项目，实物兑换品将不再显示，也不能再兑换；已生成的兑换码仍可领取。', confirmText: '关闭实物' }
      : { title: '保存兑换设置？', content: `兑换比例 ${f.ratio.trim()}，可兑换分${yearsLabel(f.validYears)}过期，${f.materialOff ? '只兑荣誉' : '实物与荣誉均可兑换'}。对本区所有社区生效。`, confirmText: '保存', danger: false });
    if (!ok) return null;
    return api.redeem.setSettings({ districtId: s.districtId, ratio: Number(f.ratio.trim()), validYears: f.validYears, materialOff: f.materialOff });
  }, { onSuccess: (r) => { if (r) { toastSuccess('已保存'); void q.reload(); } } }); // null: a form error or 取消, nothing sent

  const s = q.data;
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading || tree.loading} error={scope.error ?? tree.error} onRetry={scope.reload} empty={!districtId} emptyText='您不是区级管理员'>
        {districts.length > 1 && <Chips options={districts} value={districtId} onChange={(v) => v && setPicked(v)} />}
        <PageState loading={q.loading} error={q.error} onRetry={q.reload}>
          {s && (
            <Card title={`积分兑换设置 · ${districts.find((o) => o.value === districtId)?.label || scope.scopeName || '本区'}`}>
              <Field title='兑换比例' required type='digit' value={f.ratio} onInput={(v) => setF({ ...f, ratio: v })} maxlength={5}
                description='每 1 分生效的考核分得到的可兑换分（0 到 10）；只影响今后生效的积分' error={errors.ratio} />
              <Field title='有效期' required error={errors.validYears} description='某年得到的可兑换分在此时过期（当年底 / 次年底…）'>
                <Chips options={YEARS.map((n) => ({ value: String(n), label: yearsLabel(n) }))} value={String(f.validYears)} onChange={(v) => v && setF({ ...f, validYears: Number(v) })} />
              </Field>
              <Field title='实物兑换' description='关闭后只能兑换荣誉（如公务员不宜领取实物时）'>
                <Chips options={[{ value: 'on', label: '开放' }, { value: 'off', label: '关闭（只兑荣誉）' }]} value={f.materialOff ? 'off' : 'on'} onChange={(v) => v && setF({ ...f, materialOff: v === 'off' })} />
              </Field>
              {!s.canEdit && <Text className='rd-note'>只有本区管理员可以修改</Text>}
              <View className='rd-actions'>
                <Button className={`rd-btn${save.busy || !s.canEdit ? ' rd-btn--off' : ''}`} disabled={save.busy || !s.canEdit} onClick={() => void save.run()}>{save.loading ? '保存中…' : '保存'}</Button>
              </View>
            </Card>
          )}
        </PageState>
      </PageState>
    </View>
  );
}
