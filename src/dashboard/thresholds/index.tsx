import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { fmtDateTime } from '@core/format';
import { DEFAULT_THRESHOLDS, METRICS, thresholdError, type MetricDef, type Threshold } from '@core/domain/stats';
import { api, useAction, useQuery, useRequestId } from '../../api';
import { Card, confirm, Field, PageState } from '../../components';
import { THRESHOLDS_SAVED } from '../parts/format';
import '../dashboard.scss';

type Form = Record<string, { green: string; yellow: string }>;
type Errors = Record<string, { field: 'green' | 'yellow'; message: string }>;

/** Rates are edited in percent, averages in their unit (小时, 天). */
const toText = (def: MetricDef, v: number) => String(def.kind === 'rate' ? Math.round(v * 1000) / 10 : v);
const fromText = (def: MetricDef, s: string) => (def.kind === 'rate' ? Number(s) / 100 : Number(s));
const formOf = (values: Record<string, Threshold>): Form =>
  Object.fromEntries(METRICS.map((m) => { const t = values[m.key] ?? DEFAULT_THRESHOLDS[m.key]; return [m.key, { green: toText(m, t.green), yellow: toText(m, t.yellow) }]; }));

/** Every metric's pair checked the way `setThresholds` checks it, so the error sits next to its field. */
function check(form: Form): { errors: Errors; values: Record<string, Threshold> } {
  const errors: Errors = {};
  const values: Record<string, Threshold> = {};
  for (const def of METRICS) {
    const f = form[def.key];
    const blank = (['green', 'yellow'] as const).find((k) => !/^\d+(\.\d+)?$/.test(f[k].trim()));
    if (blank) { errors[def.key] = { field: blank, message: '请填写数字' }; continue; }
    const t = { green: fromText(def, f.green), yellow: fromText(def, f.yellow) };
    const bad = thresholdError(def, t);
    if (bad) errors[def.key] = bad;
    else values[def.key] = t;
  }
  return { errors, values };
}

/**
 * 红黄绿灯阈值 of a district (district or super admin): two lines per metric. Saving makes a new
 * version (the old ones stay), after a confirmation; every dashboard of the district follows.
 */
export default function Thresholds() {
  const fromUrl = decodeURIComponent(useRouter().params.districtId ?? '');
  // opened without ?districtId (a typed or shared link): a district admin's own district
  const me = useQuery(() => (fromUrl ? Promise.resolve(null) : api.member.whoami()), [fromUrl]);
  const districtId = fromUrl || me.data?.grants.find((g) => g.role === 'district')?.scopeId || '';
  const isSuper = !!me.data?.grants.some((g) => g.role === 'super');
  const q = useQuery(() => (districtId ? api.stats.dashboard({ scopeId: districtId }) : Promise.resolve(null)), [districtId]);
  const rid = useRequestId();
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  useEffect(() => { if (q.data) setForm(formOf(q.data.thresholds.values)); }, [q.data]);
  const current = q.data?.thresholds;

  const save = useAction(async () => {
    if (!form || !current) return null;
    const { errors: e, values } = check(form);
    setErrors(e);
    if (Object.keys(e).length > 0) {
      void Taro.showToast({ title: `有 ${Object.keys(e).length} 项阈值需要修改（见红字）`, icon: 'none', duration: 2500 });
      return null;
    }
    const ok = await confirm({ title: `保存为第 ${current.version + 1} 版阈值？`, content: '保存后全区各级数据看板立即按新阈值显示红黄绿灯，旧版本保留备查。', confirmText: '保存', danger: false });
    if (!ok) return null;
    return api.stats.setThresholds({ districtId, values, requestId: rid.current });
  }, {
    onSuccess: (r) => {
      if (!r) return;
      void Taro.showToast({ title: `已保存为第 ${r.version} 版`, icon: 'none', duration: 2000 });
      rid.renew();
      Taro.eventCenter.trigger(THRESHOLDS_SAVED);
      void q.reload();
    },
  });

  const set = (key: string, field: 'green' | 'yellow') => (v: string) => {
    setForm((f) => (f ? { ...f, [key]: { ...f[key], [field]: v } } : f));
    if (errors[key]) setErrors((e) => { const { [key]: _gone, ...rest } = e; return rest; });
  };

  return (
    <View className='sbd-page db-page'>
      <PageState
        loading={me.loading || q.loading} error={me.error ?? q.error} onRetry={me.error ? me.reload : q.reload}
        empty={!districtId || (!!q.data && !q.data.canEditThresholds)}
        emptyText={districtId ? '只有本区的区级管理员或超级管理员可以设置阈值' : isSuper ? '请先选择一个区' : '只有区级管理员或超级管理员可以设置阈值'}
        emptyHint={!districtId && isSuper ? '在该区的数据看板点“设置阈值 ›”进入' : undefined}
      >
        {q.data && form && current && (
          <View>
            <View className='db-banner'>
              <Text className='db-banner__title'>{q.data.scope.name}<Text className='db-banner__kind'>阈值</Text></Text>
              <Text className='db-banner__sub db-thr-version'>{current.version ? `当前第 ${current.version} 版${current.at ? ` · ${fmtDateTime(current.at)} 保存` : ''}` : '当前为默认阈值（尚未保存过）'}</Text>
            </View>
            <Text className='db-hint db-pad'>
              比率按百分比填写（0–100）。达到绿灯线为<Text className='db-light db-light--green' />达标，达到黄灯线为<Text className='db-light db-light--yellow' />关注，其余为<Text className='db-light db-light--red' />预警；天数类指标越少越好，不超过绿灯线为达标。
            </Text>
            {METRICS.map((def) => {
              const lower = !!DEFAULT_THRESHOLDS[def.key]?.lowerIsBetter;
              const unit = def.kind === 'rate' ? '%' : def.unit ?? '';
              const err = errors[def.key];
              return (
                <Card key={def.key} title={def.label}>
                  <Field title={lower ? '绿灯 ≤' : '绿灯 ≥'} type='digit' maxlength={6} value={form[def.key].green} onInput={set(def.key, 'green')} placeholder='绿灯线' extra={<Text>{unit}</Text>} error={err?.field === 'green' ? err.message : undefined} />
                  <Field title={lower ? '黄灯 ≤' : '黄灯 ≥'} type='digit' maxlength={6} value={form[def.key].yellow} onInput={set(def.key, 'yellow')} placeholder='黄灯线' extra={<Text>{unit}</Text>} error={err?.field === 'yellow' ? err.message : undefined}
                    description={`${lower ? '超过' : '低于'}黄灯线为红灯`}
                  />
                </Card>
              );
            })}
            <View className='db-thr-actions'>
              <View className='db-thr-btn db-thr-btn--ghost' onClick={() => { if (!save.busy) { setForm(formOf(DEFAULT_THRESHOLDS)); setErrors({}); } }}><Text>填入默认值</Text></View>
              <View className={`db-thr-btn${save.busy ? ' db-thr-btn--busy' : ''}`} onClick={() => void save.run()}><Text>{save.loading ? '保存中…' : '保存为新版本'}</Text></View>
            </View>
          </View>
        )}
      </PageState>
    </View>
  );
}
