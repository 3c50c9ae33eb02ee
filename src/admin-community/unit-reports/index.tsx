import { View, Text } from '@tarojs/components';
import { resourceKindLabel, type UnitReportStatus, type UnitReportView } from '@core/contracts/report';
import { api, useAction } from '../../api';
import { useScopedPagedList } from '../../api/useScopedPagedList';
import { Card, ListFooter, PageState, StatusTag, confirm, Tabs } from '../../components';
import { DecisionActions, useAdminScope } from '../../features/report';
import { useRejectForm } from '../../features/report/useRejectForm';
import '../../features/report/report.scss';
import { fmtDateTime } from '@core/format';

/** 单位报到: units sitting in this community report with their resource list and co-building agreement. */
export default function UnitReports() {
  const scope = useAdminScope(['community']);
  const { status, setStatus, list } = useScopedPagedList(scope.scopeId, 'pending' as UnitReportStatus, (communityId, s, page, pageSize) =>
    api.report.unitReports({ communityId, status: s, page, pageSize }));
  const form = useRejectForm();
  const decide = useAction((rid: string, decision: 'approve' | 'reject') => api.report.decideUnitReport({ id: rid, decision, reason: decision === 'reject' ? form.reason : undefined }), {
    success: '已处理',
    onSuccess: () => {
      form.close();
      void list.reload();
    },
  });
  const onApprove = async (r: UnitReportView) => {
    if (await confirm({ title: `确认 ${r.unitName} 报到？`, content: '确认后共建协议生效，资源清单进入社区资源库。', confirmText: '确认', danger: false })) await decide.run(r.id, 'approve');
  };
  return (
    <View className='sbd-page'>
      <Tabs<UnitReportStatus> tabs={[{ value: 'pending', label: '待审核' }, { value: 'approved', label: '已报到' }, { value: 'rejected', label: '未通过' }]} value={status} onChange={setStatus} />
      <PageState loading={scope.loading || list.loading} error={scope.error ?? list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText={status === 'pending' ? '暂无待审核的单位报到' : status === 'approved' ? '暂无已报到的单位' : '暂无未通过的单位报到'}>
        {list.items.map((r) => (
          <Card key={r.id} title={r.unitName} extra={<StatusTag status={r.status} />}>
            <Text className='rf-sub'>资源清单</Text>
            {r.resources.map((x, i) => (
              <View key={i} className='rf-line'>
                <Text>
                  【{resourceKindLabel[x.kind]}】{x.title}
                  {x.detail ? `：${x.detail}` : ''}
                </Text>
                <Text>{x.quantity ? `${x.quantity} ${x.unit}` : ''}</Text>
              </View>
            ))}
            <Text className='rf-sub' style={{ display: 'block', marginTop: '8px' }}>
              共建协议 {r.agreement.startDate} 至 {r.agreement.endDate}
            </Text>
            {r.agreement.commitments.map((c, i) => (
              <Text key={i} className='rf-hint'>
                {i + 1}. {c}
              </Text>
            ))}
            <Text className='rf-hint'>
              联系人：{r.agreement.contactName} {r.agreement.contactPhone} · 提交于 {fmtDateTime(r.createdAt)}
            </Text>
            {r.reason && <Text className='rf-hint'>原因：{r.reason}</Text>}
            {r.status === 'pending' && (
              <DecisionActions
                {...form.propsFor(r.id)}
                onApprove={() => void onApprove(r)}
                onReject={() => void decide.run(r.id, 'reject')}
                approveLabel='确认报到'
                rejectLabel='确认不通过'
                reasonPlaceholder='请填写不通过原因'
                busy={decide.loading}
              />
            )}
          </Card>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
