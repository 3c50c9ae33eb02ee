import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatRate } from '@core/domain/report';
import { api, useAction, useQuery } from '../../api';
import { Card, PageState, SectionTitle, StatusTag, confirm, RateBar, Stats } from '../../components';
import { EntryList } from '../../components/sub/EntryList';
import { AdminWorkbench } from '../../components/sub/AdminWorkbench';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';

/** 单位管理工作台: 报到率 of the unit's members, invite code, the unit's own report. */
export default function UnitHome() {
  const scope = useAdminScope(['unit']);
  const id = scope.scopeId;
  const cov = useQuery(() => (id ? api.org.coverage({ scopeId: id }) : Promise.resolve(null)), [id]);
  const invite = useQuery(() => (id ? api.org.unitInvite({ unitId: id }) : Promise.resolve(null)), [id]);
  const regen = useAction(() => api.org.unitInvite({ unitId: id!, regenerate: true }), { success: '已更换邀请码', onSuccess: () => void invite.reload() });
  const u = cov.data?.units[0];
  const go = (url: string) => void Taro.navigateTo({ url: `${url}${url.includes('?') ? '&' : '?'}scopeId=${encodeURIComponent(id ?? '')}` });
  const onRegen = async () => {
    if (await confirm({ title: '更换邀请码？', content: '更换后旧邀请码立即失效，已加入的党员不受影响。', confirmText: '更换' })) await regen.run();
  };
  return (
    <AdminWorkbench scope={scope} description='单位党组织管理工作台' emptyText='您不是单位管理员' emptyHint='请联系社区或街道管理员为您开通权限'>
      <PageState loading={cov.loading} error={cov.error} onRetry={cov.reload} rows={1}>
        {u && (
          <View>
            <Stats
              items={[
                { label: '报到率', value: formatRate(u.rate) },
                { label: '已报到', value: `${u.reported}/${u.total}` },
                { label: '待社区审核', value: u.pending },
              ]}
            />
            <Card title='党员报到情况' extra={<Text>查看 ›</Text>} onClick={() => go('/admin-unit/members/index')}>
              <RateBar rate={u.rate} />
              <Text className='rf-hint'>
                {u.total - u.reported > 0 ? `还有 ${u.total - u.reported} 名党员未到居住地社区报到，可一键提醒` : '本单位已确认的党员均已报到'}
              </Text>
            </Card>
            <EntryList
              entries={[
                { title: '数据看板', description: '本单位党员近 90 天参与、服务时长与近 12 个月趋势', onClick: () => go('/dashboard/index/index') },
                { title: '导出记实档案', description: '本单位已确认党员的服务次数、时长、积分（Excel），用于年度考核', onClick: () => go('/record/export/index') },
                { title: '党员反馈单', description: '社区每季度、年底发来的党员报到服务反馈单，查收并回执', onClick: () => go('/record/letters/index?view=unit') },
                { title: '双向评价', description: '年底评价共建社区，查看社区对本单位的评价', onClick: () => go('/record/evaluate/index?view=unit') },
                {
                  title: '单位报到（组织报到）',
                  description: `向${u.communityName}报到，提交资源清单与共建协议`,
                  extra: <StatusTag status={u.unitReportStatus ?? 'unreported'} />,
                  onClick: () => go('/admin-unit/report/index'),
                },
              ]}
            />
          </View>
        )}
      </PageState>
      <SectionTitle>党员加入邀请码</SectionTitle>
      <Card>
        <PageState loading={invite.loading} error={invite.error} onRetry={invite.reload} rows={1}>
          <Text className='rf-banner__title' style={{ color: '#C8102E', letterSpacing: '6px', textAlign: 'center', display: 'block' }}>
            {invite.data?.inviteCode}
          </Text>
          <Text className='rf-hint' style={{ textAlign: 'center' }}>
            党员在“我的 → 加入单位”输入邀请码，经您确认后计入本单位
          </Text>
          <View className='rf-btn-row' style={{ justifyContent: 'center' }}>
            <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void onRegen()}>
              更换邀请码
            </Button>
          </View>
        </PageState>
      </Card>
    </AdminWorkbench>
  );
}
