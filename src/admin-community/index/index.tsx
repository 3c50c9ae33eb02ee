import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, useQuery } from '../../api';
import { PageState, SectionTitle, Stats } from '../../components';
import { EntryList } from '../../components/sub/EntryList';
import { AdminWorkbench } from '../../components/sub/AdminWorkbench';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';

const ENTRIES = [
  { text: '报到审核', url: '/admin-community/reports/index', note: '审核党员到本社区报到' },
  { text: '报到名册', url: '/admin-community/roster/index', note: '已报到党员，按姓名、单位查找' },
  { text: '单位报到', url: '/admin-community/unit-reports/index', note: '单位资源清单与共建协议' },
  { text: '报到二维码', url: '/admin-community/poster/index', note: '打印张贴，党员扫码报到' },
  { text: '志愿任务', url: '/admin-community/tasks/index', note: '发布任务、签到码、考勤确认' },
  { text: '需求清单', url: '/admin-community/needs/index', note: '居民需求' },
  { text: '项目清单', url: '/admin-community/projects/index', note: '共建项目' },
  { text: '微心愿', url: '/admin-service/wishes/index', note: '登记、核实心愿，确认实现' },
  { text: '承诺审核与评诺', url: '/admin-service/pledges/index', note: '审核党员承诺、公示、年终评诺' },
  { text: '积分调整', url: '/admin-community/points-adjust/index', note: '补录或更正积分' },
  { text: '公示异议', url: '/admin-community/gongshi/index', note: '积分公示的异议：维持、调整或撤销' },
  { text: '手工录入复核', url: '/admin-community/review/index', note: '其他管理员补录的考勤、较大的积分调整：复核后才计分' },
  { text: '反馈单', url: '/record/letters/index?view=community', note: '季度、年度反馈单发送给单位；出具意见' },
  { text: '双向评价', url: '/record/evaluate/index', note: '年底评价党员（评语与等次）和共建单位；查看单位对社区的评价' },
  { text: '积分商城', url: '/admin-redeem/items/index', note: '上架兑换品，扫码核销兑换码' },
  { text: '群发通知', url: '/notice/broadcast/index', note: '发到本社区党员的消息列表，每天最多 3 次' },
  { text: '服务证明', url: '/record/certificates/index', note: '一键出具、撤销，扫码核验' },
  { text: '导出记实档案', url: '/record/export/index', note: '本社区报到党员的服务记录（Excel）' },
  { text: '数据看板', url: '/dashboard/index/index', note: '活跃率、服务时长、清单与心愿：趋势与各单位对比' },
];

/** 社区管理工作台: today's to-dos (pending reports), coverage of the community and the entries. */
export default function CommunityHome() {
  const scope = useAdminScope(['community']);
  const id = scope.scopeId;
  const cov = useQuery(() => (id ? api.org.coverage({ scopeId: id }) : Promise.resolve(null)), [id]);
  const go = (url: string) => void Taro.navigateTo({ url: `${url}?scopeId=${encodeURIComponent(id ?? '')}` });
  const c = cov.data?.communities[0];
  return (
    <AdminWorkbench scope={scope} description='社区党组织管理工作台' emptyText='您不是社区管理员' emptyHint='请联系街道管理员为您开通权限'>
      <PageState loading={cov.loading} error={cov.error} onRetry={cov.reload} rows={1}>
        {c && (
          <View onClick={() => go('/admin-community/reports/index')}>
            <Stats
              items={[
                { label: '待审核报到', value: c.membersPending },
                { label: '已报到党员', value: c.membersReported },
                { label: '驻区单位报到', value: `${c.unitsReported}/${c.unitsTotal}` },
              ]}
            />
          </View>
        )}
      </PageState>
      <SectionTitle>工作台</SectionTitle>
      <EntryList entries={ENTRIES.map((e) => ({ title: e.text, description: e.note, onClick: () => go(e.url) }))} />
    </AdminWorkbench>
  );
}
