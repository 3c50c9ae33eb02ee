import { View, Text } from '@tarojs/components';
import { MemberPhone } from '../../features/report/MemberPhone';
import { memberCategoryLabel } from '@core/contracts/labels';
import type { ReportAdminView } from '@core/contracts/report';
import { api, useAction } from '../../api';
import { useScopedPagedList } from '../../api/useScopedPagedList';
import { Card, ListFooter, PageState, StatusTag, confirm } from '../../components';
import { DecisionActions, useAdminScope } from '../../features/report';
import { useRejectForm } from '../../features/report/useRejectForm';
import '../../features/report/report.scss';
import { fmtDateTime } from '@core/format';

/** 报到审核: pending member reports to this community, oldest first; approve or reject with a reason. */
export default function ReportsReview() {
  const scope = useAdminScope(['community']);
  // one list, oldest first: no status tab
  const { list } = useScopedPagedList(scope.scopeId, null, (communityId, _status, page, pageSize) => api.report.pending({ communityId, page, pageSize }));
  const form = useRejectForm();
  const approve = useAction((reportId: string) => api.report.approve({ reportId }), { success: '已通过', onSuccess: () => void list.reload() });
  const reject = useAction((reportId: string) => api.report.reject({ reportId, reason: form.reason }), {
    success: '已驳回',
    onSuccess: () => {
      form.close();
      void list.reload();
    },
  });
  const onApprove = async (r: ReportAdminView) => {
    if (await confirm({ title: `通过 ${r.name} 的报到？`, content: r.moveFromName ? `通过后其在${r.moveFromName}的报到将关闭。` : '通过后将记入报到积分。', confirmText: '通过', danger: false })) {
      await approve.run(r.id);
    }
  };
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading || list.loading} error={scope.error ?? list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='暂无待审核的报到' emptyHint='党员扫描本社区报到码后会出现在这里'>
        <Text className='rf-sub' style={{ margin: '0 16px 8px', display: 'block' }}>
          {scope.scopeName ? `${scope.scopeName} · ` : ''}待审核 {list.total} 人
        </Text>
        {list.items.map((r) => (
          <Card key={r.id} title={r.name} extra={<StatusTag status={r.status} />}>
            <View className='rf-line'>
              <MemberPhone openid={r.openid} masked={r.phone} />
              <Text>{memberCategoryLabel[r.category]}</Text>
            </View>
            <View className='rf-line'>
              <Text>
                住址：{r.building} {r.room}
              </Text>
            </View>
            <View className='rf-line'>
              <Text>单位：{r.unitName ? `${r.unitName}${r.unitStatus === 'verified' ? '' : '（待单位确认）'}` : '未填写'}</Text>
            </View>
            {r.branch && <View className='rf-line'><Text>支部：{r.branch}</Text></View>}
            {r.moveFromName && <Text className='rf-hint'>由{r.moveFromName}迁入</Text>}
            <Text className='rf-hint'>提交于 {fmtDateTime(r.createdAt)}</Text>
            <DecisionActions
              {...form.propsFor(r.id)}
              onApprove={() => void onApprove(r)}
              onReject={() => void reject.run(r.id)}
              approveLabel='通过'
              rejectLabel='确认驳回'
              reasonPlaceholder='请填写不通过原因（将告知党员）'
              busy={approve.loading || reject.loading}
            />
          </Card>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
