import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api, useQuery } from '../../api';
import { Card, Chips, PageState } from '../../components';

const avg = (v: number | null, n: number) => (v === null ? '—' : `${v} 分（${n}）`);

/** The street's roll-up of 双向评价 for a year: per community, what units said of it and what it said of units and members, and task ratings. */
export function StreetRollup({ streetId }: { streetId: string }) {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(new Date().getMonth() < 3 ? thisYear - 1 : thisYear));
  const q = useQuery(() => api.record.evaluationRollup({ streetId, year: Number(year) }), [streetId, year]);
  const items = q.data?.items ?? [];
  return (
    <Card title='双向评价汇总'>
      <View style={{ margin: '0 -16px' }}>
        <Chips<string> options={[thisYear - 1, thisYear].map((y) => ({ value: String(y), label: `${y} 年度` }))} value={year} onChange={(v) => v && setYear(v)} />
      </View>
      <PageState loading={q.loading} error={q.error} onRetry={q.reload} empty={items.length === 0} emptyText={`${year} 年度还没有评价`} emptyHint='社区与共建单位年底互评、党员评价任务后在此汇总' rows={2}>
        {items.map((r) => (
          <View key={r.communityId} className='ev-roll'>
            <Text className='rec-title'>{r.communityName}</Text>
            <Text className='rec-detail'>单位评社区 {avg(r.byUnits, r.byUnitsCount)} · 社区评单位 {avg(r.ofUnits, r.ofUnitsCount)}</Text>
            <Text className='rec-detail'>社区评党员 {avg(r.ofMembers, r.ofMembersCount)} · 党员评任务 {avg(r.ofTasks, r.ofTasksCount)}</Text>
          </View>
        ))}
        <Text className='rf-hint'>括号内为评价条数，评分 1–5 分</Text>
      </PageState>
    </Card>
  );
}
