import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { fmtDateTime } from '@core/format';
import { api, useQuery } from '../../api';
import { Card, Chips, PageState, SectionTitle, Stats, toastError } from '../../components';
import { useAdminScope } from '../../features/report';
import { openFile } from '../../features/record/openFile';
import { METRICS } from '@core/domain/stats';
import { hours, KIND_LABEL, metricsFor, THRESHOLDS_SAVED } from '../parts/format';
import { MetricGrid } from '../parts/MetricGrid';
import { RankBars } from '../parts/RankBars';
import { TrendBars } from '../parts/TrendBars';
import '../dashboard.scss';

const open = (scopeId: string) => void Taro.navigateTo({ url: `/dashboard/index/index?scopeId=${encodeURIComponent(scopeId)}` });
const openRecord = (openid: string) => void Taro.navigateTo({ url: `/record/timeline/index?openid=${encodeURIComponent(openid)}` });
const CHILD_LABEL = { district: '各街道', street: '各社区', community: '各单位', grid: '', unit: '' } as const;

/**
 * 数据看板: one scope (district / street / community / unit) — metrics with numerator/denominator
 * and their 口径, a 12-month trend and ranked comparisons of the selected metric, drill-down to the
 * level below and, at a unit, to a member's 记实档案. Read from the roll-up (functions/stats).
 */
export default function Dashboard() {
  const fromUrl = useRouter().params.scopeId;
  const scope = useAdminScope(['super', 'district', 'street', 'community', 'unit']);
  const id = fromUrl ? decodeURIComponent(fromUrl) : scope.scopeId;
  const q = useQuery(() => (id ? api.stats.dashboard({ scopeId: id }) : Promise.resolve(null)), [id]);
  usePullDownRefresh(() => void q.reload().then(() => Taro.stopPullDownRefresh()));
  // new thresholds saved on the thresholds page: the lights follow without a manual refresh
  const reload = q.reload;
  useEffect(() => {
    const on = () => void reload();
    Taro.eventCenter.on(THRESHOLDS_SAVED, on);
    return () => { Taro.eventCenter.off(THRESHOLDS_SAVED, on); };
  }, [reload]);
  const d = q.data;
  const defs = useMemo(() => (d ? metricsFor(d.scope.kind) : []), [d]);
  const [metric, setMetric] = useState('activeRate');
  const def = defs.find((m) => m.key === metric) ?? defs[0];
  const [exporting, setExporting] = useState(false);

  const current = d?.months[d.months.length - 1];
  // a community's children: its grids (members only, so their own metric) and its units
  const grids = d ? d.children.filter((c) => c.kind === 'grid') : [];
  const others = d ? d.children.filter((c) => c.kind !== 'grid') : [];
  const gridDef = def && def.d === 'reported' ? def : METRICS.find((m) => m.key === 'activeRate')!;
  const exportList = async (list: 'members' | 'units') => {
    if (!d || exporting) return;
    setExporting(true);
    try {
      const r = await api.stats.exportIdle({ scopeId: d.scope.id, list });
      await openFile(r.url, r.fileName);
    } catch (err) {
      toastError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className='sbd-page db-page'>
      <PageState loading={scope.loading} error={scope.error} onRetry={scope.reload} empty={!id} emptyText='您不是管理员，没有可查看的数据看板'>
        {!fromUrl && scope.options.length > 1 && <Chips options={scope.options.map((g) => ({ value: g.scopeId, label: g.scopeName }))} value={id} onChange={(v) => v && scope.setScopeId(v)} />}
        <PageState loading={q.loading} error={q.error} onRetry={q.reload}>
          {d && current && def && (
            <View>
              <View className='db-banner'>
                <View className='db-crumbs'>
                  {d.scope.path.map((p) => (
                    <Text key={p.id} className='db-crumb' onClick={() => open(p.id)}>{p.name} ›</Text>
                  ))}
                </View>
                <Text className='db-banner__title'>{d.scope.name}<Text className='db-banner__kind'>{KIND_LABEL[d.scope.kind]}</Text></Text>
                <Text className='db-banner__sub'>{d.month.replace('-', ' 年 ')} 月 · 数据截至 {fmtDateTime(d.asOf)}（每小时更新）</Text>
              </View>
              <Stats
                items={[
                  { label: '报到党员', value: current.c.reported ?? 0 },
                  { label: '近90天参与', value: current.c.active ?? 0 },
                  { label: '本月服务(小时)', value: hours(current.c.minutes ?? 0) },
                ]}
              />
              <SectionTitle>指标（点卡片看趋势，点"口径"看定义）</SectionTitle>
              <MetricGrid defs={defs} c={current.c} thresholds={d.thresholds.values} selected={def.key} onSelect={setMetric} />
              <Text className='db-hint db-legend'>
                <Text className='db-light db-light--green' />达标{'  '}<Text className='db-light db-light--yellow' />关注{'  '}<Text className='db-light db-light--red' />预警{'  '}<Text className='db-light db-light--none' />暂无数据 · {d.thresholds.version ? `阈值第 ${d.thresholds.version} 版` : '默认阈值'}
                {d.canEditThresholds && <Text className='db-thr-link' onClick={() => void Taro.navigateTo({ url: `/dashboard/thresholds/index?districtId=${encodeURIComponent(d.scope.kind === 'district' ? d.scope.id : d.scope.path[0]?.id ?? '')}` })}>设置阈值 ›</Text>}
              </Text>

              <SectionTitle>近 12 个月 · {def.label}</SectionTitle>
              <Card>
                <TrendBars def={def} months={d.months} threshold={d.thresholds.values[def.key]} />
                <Text className='db-def'>口径：{def.definition}</Text>
              </Card>

              {grids.length > 0 && (
                <View>
                  <SectionTitle>各网格对比 · {gridDef.label}</SectionTitle>
                  <Card>
                    <RankBars def={gridDef} rows={grids} threshold={d.thresholds.values[gridDef.key]} onOpen={open} />
                    <Text className='db-hint'>点击网格看其党员；未划分网格的党员 {Math.max(0, (current.c.reported ?? 0) - grids.reduce((n, g) => n + (g.c.reported ?? 0), 0))} 人（在报到名册中设置）</Text>
                  </Card>
                </View>
              )}
              {others.length > 0 && (
                <View>
                  <SectionTitle>{CHILD_LABEL[d.scope.kind]}对比 · {def.label}</SectionTitle>
                  <Card>
                    <RankBars def={def} rows={others} threshold={d.thresholds.values[def.key]} onOpen={open} />
                    <Text className='db-hint'>点击一行进入下一级看板</Text>
                  </Card>
                </View>
              )}
              {d.siblings.length > 1 && (
                <View>
                  <SectionTitle>同级对比 · {def.label}</SectionTitle>
                  <Card>
                    <RankBars def={def} rows={d.siblings} threshold={d.thresholds.values[def.key]} highlight={d.scope.id} onOpen={(sid) => sid !== d.scope.id && open(sid)} />
                  </Card>
                </View>
              )}

              {d.members && (
                <View>
                  <SectionTitle>{d.scope.kind === 'grid' ? '本网格党员（近 90 天在本网格的服务时长）' : '本单位党员（近 90 天服务时长）'}</SectionTitle>
                  <PageState empty={d.members.count === 0} emptyText={d.scope.kind === 'grid' ? '本网格还没有党员：在报到名册中为党员设置网格' : '本单位还没有已确认的党员'}>
                    <Card>
                      {d.members.items.map((m) => (
                        <View key={m.id} className='db-person' onClick={() => openRecord(m.id)}>
                          <Text className='db-person__name'>{m.name}</Text>
                          <Text className='db-person__sub'>{m.sub}</Text>
                          <Text className='db-person__val'>{hours(m.minutes90 ?? 0)} 小时 ›</Text>
                        </View>
                      ))}
                      {d.members.count > d.members.items.length && <Text className='db-hint'>仅列出前 {d.members.items.length} 人（共 {d.members.count} 人）</Text>}
                    </Card>
                  </PageState>
                </View>
              )}

              {d.idleMembers && (
                <View>
                  <SectionTitle extra={d.idleMembers.count > 0 ? '导出 xlsx' : undefined} onExtra={() => void exportList('members')}>近 90 天未参与的报到党员 {d.idleMembers.count} 人</SectionTitle>
                  {d.idleMembers.items.length > 0 ? (
                    <Card>
                      {d.idleMembers.items.slice(0, 30).map((m) => (
                        <View key={m.id} className='db-person' onClick={() => openRecord(m.id)}>
                          <Text className='db-person__name'>{m.name}</Text>
                          <Text className='db-person__sub'>{m.sub || '无单位'}</Text>
                          <Text className='db-person__val'>档案 ›</Text>
                        </View>
                      ))}
                      {d.idleMembers.count > 30 && <Text className='db-hint'>仅显示前 30 人，完整名单请导出</Text>}
                    </Card>
                  ) : (
                    <Text className='db-hint db-pad'>{d.idleMembers.count === 0 ? '全部报到党员近 90 天都参与过服务' : '名单按社区查看：点上方各社区进入，或导出全部名单'}</Text>
                  )}
                </View>
              )}
              {d.idleUnits && d.scope.kind !== 'unit' && (
                <View>
                  <SectionTitle extra={d.idleUnits.count > 0 ? '导出 xlsx' : undefined} onExtra={() => void exportList('units')}>近 90 天无党员参与的单位 {d.idleUnits.count} 个</SectionTitle>
                  {d.idleUnits.items.length > 0 ? (
                    <Card>
                      {d.idleUnits.items.map((u) => (
                        <View key={u.id} className='db-person' onClick={() => open(u.id)}>
                          <Text className='db-person__name'>{u.name}</Text>
                          <Text className='db-person__sub'>{u.sub}</Text>
                          <Text className='db-person__val'>›</Text>
                        </View>
                      ))}
                    </Card>
                  ) : (
                    <Text className='db-hint db-pad'>{d.idleUnits.count === 0 ? '辖区单位近 90 天都有党员参与服务' : '名单按社区查看，或导出全部名单'}</Text>
                  )}
                </View>
              )}
            </View>
          )}
        </PageState>
      </PageState>
    </View>
  );
}
