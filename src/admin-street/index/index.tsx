import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { formatRate } from '@core/domain/report';
import { api, useQuery } from '../../api';
import { Card, PageState, SectionTitle, StatusTag, Chips, RateBar, Stats } from '../../components';
import { EntryList } from '../../components/sub/EntryList';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';

/** 街道 / 区 工作台: 报到率 per community and per unit in scope. */
export default function StreetHome() {
  const scope = useAdminScope(['street', 'district', 'super']);
  const id = scope.scopeId;
  const cov = useQuery(() => (id ? api.org.coverage({ scopeId: id }) : Promise.resolve(null)), [id]);
  usePullDownRefresh(() => void cov.reload().then(() => Taro.stopPullDownRefresh()));
  const d = cov.data;
  const open = (url: string) => void Taro.navigateTo({ url });
  const openCommunity = (communityId: string) => open(`/admin-community/roster/index?scopeId=${communityId}`);
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading} error={scope.error} onRetry={scope.reload} empty={!id} emptyText='您不是街道或区级管理员'>
        {scope.options.length > 1 && <Chips options={scope.options.map((g) => ({ value: g.scopeId, label: g.scopeName }))} value={id} onChange={(v) => v && scope.setScopeId(v)} />}
        <PageState loading={cov.loading} error={cov.error} onRetry={cov.reload}>
          {d && (
            <View>
              <View className='rf-banner'>
                <Text className='rf-banner__title'>{d.scope.name}</Text>
                <Text className='rf-banner__sub'>在职党员报到率 {formatRate(d.summary.rate)}（{d.summary.reported}/{d.summary.total}）</Text>
              </View>
              <Stats
                items={[
                  { label: '社区已报到党员', value: d.summary.membersReported },
                  { label: '单位报到', value: `${d.summary.unitsReported}/${d.summary.unitsTotal}` },
                  { label: '社区数', value: d.communities.length },
                ]}
              />
              <EntryList
                entries={[
                  { title: '数据看板', description: '活跃率、服务时长、三张清单、心愿与承诺：近 12 个月趋势与各社区对比', onClick: () => open(`/dashboard/index/index?scopeId=${encodeURIComponent(id ?? '')}`) },
                  { title: '双向评价汇总', description: '各社区与共建单位年底互评、社区评党员、党员评任务的平均分', onClick: () => open(`/record/evaluate/index?view=street&scopeId=${encodeURIComponent(id ?? '')}`) },
                  ...(scope.isSuper || scope.options.some((g) => g.role === 'district')
                    ? [{ title: '积分兑换设置', description: '兑换比例、可兑换分有效期、关闭实物兑换', onClick: () => open(`/admin-redeem/settings/index${d.scope.kind === 'district' ? `?scopeId=${encodeURIComponent(d.scope.id)}` : ''}`) }]
                    : []),
                  { title: '管理员任命', description: '任命社区、单位管理员', onClick: () => open('/admin-street/admins/index') },
                ]}
              />
              <SectionTitle>各社区</SectionTitle>
              <PageState empty={d.communities.length === 0} emptyText='暂无社区'>
                {d.communities.map((c) => (
                  <Card key={c.id} title={c.name} extra={<Text>名册 ›</Text>} onClick={() => openCommunity(c.id)}>
                    <View className='rf-line'>
                      <Text>已报到党员 {c.membersReported} 人</Text>
                      <Text>待审核 {c.membersPending}</Text>
                    </View>
                    <View className='rf-line'>
                      <Text>驻区单位报到 {c.unitsReported}/{c.unitsTotal}</Text>
                    </View>
                  </Card>
                ))}
              </PageState>
              <SectionTitle>各单位报到率</SectionTitle>
              <PageState empty={d.units.length === 0} emptyText='暂无单位'>
                {[...d.units]
                  .sort((a, b) => (a.rate ?? -1) - (b.rate ?? -1))
                  .map((u) => (
                    <Card key={u.id} title={u.name} extra={<StatusTag status={u.unitReportStatus ?? 'unreported'} text={u.unitReportStatus === 'approved' ? '单位已报到' : u.unitReportStatus === 'pending' ? '单位待审核' : '单位未报到'} />}>
                      <View className='rf-line'>
                        <Text>
                          党员报到 {u.reported}/{u.total}
                        </Text>
                        <Text>{formatRate(u.rate)}</Text>
                      </View>
                      <RateBar rate={u.rate} />
                      <Text className='rf-hint'>所在社区：{u.communityName}</Text>
                    </Card>
                  ))}
              </PageState>
            </View>
          )}
        </PageState>
      </PageState>
    </View>
  );
}
