import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { api, useQuery, usePagedList } from '../../api';
import { Card, Chips, ListFooter, PageState, StatusTag, Tabs } from '../../components';
import { useAdminScope } from '../../features/report';
import { EvaluateForm, EvaluationLine } from './EvaluateForm';

type Kind = 'member' | 'unit' | 'community' | 'received';

/**
 * Year-end 双向评价 (seed 002 三(一), 003 (十三)): the community rates each reported member's year
 * (score, 等次, 评语 — the grade stands on the member's year letter) and each 共建 unit; the unit rates
 * its community. Each side also sees what it received. One evaluation per rater, target and year.
 */
export function YearRates({ as }: { as: 'community' | 'unit' }) {
  const scope = useAdminScope([as]);
  const id = scope.scopeId;
  const thisYear = new Date().getFullYear();
  // year-end evaluation: in the first months people rate the year just ended
  const years = useMemo(() => [thisYear - 1, thisYear].map((y) => ({ value: String(y), label: `${y} 年度` })), [thisYear]);
  const [year, setYear] = useState(String(new Date().getMonth() < 3 ? thisYear - 1 : thisYear));
  const tabs: Array<{ value: Kind; label: string }> = as === 'community'
    ? [{ value: 'member', label: '评价党员' }, { value: 'unit', label: '评价共建单位' }, { value: 'received', label: '单位对社区的评价' }]
    : [{ value: 'community', label: '评价共建社区' }, { value: 'received', label: '社区对本单位的评价' }];
  const [tab, setTab] = useState<Kind>(tabs[0].value);
  const [open, setOpen] = useState<string | null>(null);
  const targets = usePagedList(
    (page) => (id && tab !== 'received' ? api.record.evaluationTargets({ as, asId: id, targetKind: tab, year: Number(year), page, pageSize: 20 }) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 })),
    [id, tab, year],
  );
  const received = useQuery(
    () => (id && tab === 'received' ? api.record.evaluationsOf({ targetKind: as, targetId: id }) : Promise.resolve(null)),
    [id, tab],
  );
  usePullDownRefresh(() => void (tab === 'received' ? received.reload() : targets.reload()).then(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void targets.loadMore());
  const done = targets.items.filter((t) => t.evaluation).length;
  const rec = received.data;
  return (
    <View className='sbd-page'>
      <View className='rf-banner'>
        <Text className='rf-banner__title'>{scope.scopeName || '双向评价'}</Text>
        <Text className='rf-banner__sub'>{as === 'community' ? '年底评价在本社区报到的党员和共建单位；党员的等次写入其年度反馈单' : '年底评价与本单位共建的社区，结果社区和街道可见'}</Text>
      </View>
      <Chips<string> options={years} value={year} onChange={(v) => v && (setYear(v), setOpen(null))} />
      <Tabs<Kind> tabs={tabs} value={tab} onChange={(t) => (setTab(t), setOpen(null))} />
      {tab === 'received' ? (
        <PageState loading={scope.loading || received.loading} error={scope.error ?? received.error} onRetry={received.reload} empty={!rec || rec.count === 0} emptyText='还没有收到评价' emptyHint={as === 'community' ? '共建单位年底评价社区后显示在这里' : '社区年底评价本单位后显示在这里'}>
          {rec && (
            <Card title={`共 ${rec.count} 条评价`} extra={rec.average !== null ? <Text>平均 {rec.average} 分</Text> : undefined}>
              {rec.items.map((e) => <EvaluationLine key={e.id} e={e} showRater />)}
            </Card>
          )}
        </PageState>
      ) : (
        <PageState
          loading={scope.loading || targets.loading}
          error={scope.error ?? targets.error}
          onRetry={targets.reload}
          empty={!id || targets.items.length === 0}
          emptyText={!id ? `您不是${as === 'community' ? '社区' : '单位'}管理员` : tab === 'member' ? '还没有党员在本社区报到' : tab === 'unit' ? '还没有共建单位' : '本单位还没有共建社区'}
        >
          <Text className='rf-sub' style={{ display: 'block', margin: '0 16px 8px' }}>{year} 年度：已评价 {done} / {targets.total}{targets.hasMore ? '（已加载部分）' : ''}</Text>
          {targets.items.map((t) => (
            <Card key={t.targetId} title={t.name} extra={<StatusTag tone={t.evaluation ? 'success' : 'warning'} text={t.evaluation ? '已评价' : '待评价'} />}>
              {!!t.sub && <Text className='rf-hint'>{t.sub}</Text>}
              {t.evaluation ? (
                <EvaluationLine e={t.evaluation} />
              ) : open === t.targetId ? (
                <EvaluateForm
                  withGrade={tab === 'member'}
                  remarkHint={tab === 'member' ? '评语：服务表现、特点与不足' : tab === 'unit' ? '共建项目落实、资源投入情况' : '社区对接、组织服务情况'}
                  onSubmit={(v) => api.record.evaluate({ as, asId: id!, targetKind: tab as 'member' | 'unit' | 'community', targetId: t.targetId, year: Number(year), ...v })}
                  onDone={() => (setOpen(null), void targets.reload())}
                  onCancel={() => setOpen(null)}
                />
              ) : (
                <View className='rf-btn-row'>
                  <Button className='rf-mini' size='mini' onClick={() => setOpen(t.targetId)}>
                    {tab === 'member' ? '评语与等次' : '评价'}
                  </Button>
                </View>
              )}
            </Card>
          ))}
          <ListFooter loading={targets.loadingMore} hasMore={targets.hasMore} onMore={targets.loadMore} count={targets.items.length} />
        </PageState>
      )}
    </View>
  );
}
