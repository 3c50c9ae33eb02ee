import { View, Text } from '@tarojs/components';
import { MemberPhone } from '../../features/report/MemberPhone';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ReportStatus } from '@core/contracts/member';
import { memberCategoryLabel, reportStatusLabel } from '@core/contracts/labels';
import { api, useAction, useQuery } from '../../api';
import { useScopedPagedList } from '../../api/useScopedPagedList';
import { Card, ListFooter, PageState, StatusTag, Chips, SearchBar } from '../../components';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';
import { fmtDateTime } from '@core/format';

const STATUSES: Array<{ value: ReportStatus | null; label: string }> = [
  { value: null, label: '全部' },
  ...(['approved', 'pending', 'rejected', 'closed'] as const).map((value) => ({ value, label: reportStatusLabel[value] })),
];

/**
 * 报到名册: members reported to this community; search by name, filter by status, unit and 网格,
 * paged on the server. Where the community has grids, the admin puts each member into one (the
 * dashboards count per grid).
 */
export default function Roster() {
  const scope = useAdminScope(['community']);
  const id = scope.scopeId;
  // the SearchBar debounces typing, so each keystroke does not hit the server
  const [query, setQuery] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [gridId, setGridId] = useState<string | null>(null);
  // the report whose grid is being chosen
  const [editing, setEditing] = useState<string | null>(null);
  // members living here work in units anywhere in the district, not only in units sitting here
  const units = useQuery(() => (id ? api.org.listUnits({}) : Promise.resolve({ items: [] })), [id]);
  const grids = useQuery(() => (id ? api.report.grids({ communityId: id }) : Promise.resolve({ items: [] })), [id]);
  const gridName = (g: string | null) => (g ? grids.data?.items.find((x) => x.id === g)?.name ?? '（已删除的网格）' : '未划分网格');
  const { status, setStatus, list } = useScopedPagedList(id, null as ReportStatus | null, (communityId, s, page, pageSize) => api.report.roster({
    communityId, page, pageSize, q: query || undefined, status: s ?? undefined, unitId: unitId ?? undefined, gridId: gridId ?? undefined,
  }), { deps: [query, unitId, gridId] });
  const setGrid = useAction((reportId: string, g: string | null) => api.report.setGrid({ reportId, gridId: g }), { success: '已设置网格', onSuccess: () => { setEditing(null); void list.reload(); } });
  return (
    <View className='sbd-page'>
      <SearchBar placeholder='搜索姓名' onSearch={setQuery} />
      <Chips options={STATUSES} value={status} onChange={setStatus} />
      {(units.data?.items.length ?? 0) > 0 && (
        <Chips options={[{ value: null, label: '全部单位' }, ...units.data!.items.map((u) => ({ value: u.id, label: u.name }))]} value={unitId} onChange={setUnitId} />
      )}
      {(grids.data?.items.length ?? 0) > 0 && (
        <Chips options={[{ value: null, label: '全部网格' }, ...grids.data!.items.map((g) => ({ value: g.id, label: g.name }))]} value={gridId} onChange={setGridId} />
      )}
      <PageState loading={scope.loading || list.loading} error={scope.error ?? list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText={query ? '没有找到匹配的党员' : '暂无报到党员'}>
        <Text className='rf-sub' style={{ margin: '0 16px 8px', display: 'block' }}>
          {scope.scopeName ? `${scope.scopeName} · ` : ''}共 {list.total} 人
        </Text>
        {list.items.map((r) => (
          <Card key={r.reportId} title={r.name} extra={<StatusTag status={r.status} />} onClick={r.status === 'approved' ? () => void Taro.navigateTo({ url: `/record/timeline/index?openid=${encodeURIComponent(r.openid)}` }) : undefined}>
            <View className='rf-line'>
              {r.status === 'approved' || r.status === 'pending' ? <MemberPhone openid={r.openid} masked={r.phone} /> : <Text>{r.phone}</Text>}
              <Text>{memberCategoryLabel[r.category]}</Text>
            </View>
            <View className='rf-line'>
              <Text>{r.unitName ?? '未加入单位'}</Text>
              <Text>
                {r.building} {r.room}
              </Text>
            </View>
            {(grids.data?.items.length ?? 0) > 0 && (r.status === 'approved' || r.status === 'pending') && (
              <View className='rf-line' onClick={(e) => { e.stopPropagation(); setEditing(editing === r.reportId ? null : r.reportId); }}>
                <Text>网格：{gridName(r.gridId)}</Text>
                <Text style={{ color: '#1677FF' }}>{editing === r.reportId ? '收起' : '设置网格 ›'}</Text>
              </View>
            )}
            {editing === r.reportId && (
              <View onClick={(e) => e.stopPropagation()}>
                <Chips options={[...grids.data!.items.map((g) => ({ value: g.id, label: g.name })), { value: null, label: '不划分' }]} value={r.gridId} onChange={(g) => { if (g !== r.gridId && !setGrid.busy) void setGrid.run(r.reportId, g); }} />
              </View>
            )}
            <Text className='rf-hint'>{r.decidedAt ? `报到于 ${fmtDateTime(r.decidedAt)}` : `提交于 ${fmtDateTime(r.createdAt)}`}{r.status === 'approved' ? ' · 点击查看记实档案' : ''}</Text>
          </Card>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
