import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { wishStatusLabel, wishCategoryLabel, type WishDetail, type WishStatusDto } from '@core/contracts/wish';
import { api, useAction } from '../../api';
import { useScopedPagedList } from '../../api/useScopedPagedList';
import { Card, Field, ListFooter, PageState, StatusTag, confirm } from '../../components';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import { PhotoPicker } from '../../features/service/PhotoPicker';
import { dateOf, wishStatusTone } from '../../features/service/format';
import '../../features/service/service.scss';
import '../../features/tasks/tasks.scss';

const FILTERS: WishStatusDto[] = ['reported', 'open', 'claimed', 'fulfilled', 'confirmed', 'withdrawn'];

/** 微心愿管理: verify residents' wishes, publish and edit, confirm receipt and fulfilment (→ points), withdraw. */
export default function WishAdmin() {
  const community = useAdminCommunity();
  const cid = community.communityId;
  const [counts, setCounts] = useState<Record<string, number>>({});
  // the filter labels carry each status's count; back from the editor, the list shows the change
  const { status, setStatus, list } = useScopedPagedList(cid, undefined as WishStatusDto | undefined, (communityId, s, page, pageSize) =>
    api.wish.adminList({ communityId, status: s, page, pageSize }).then((r) => { setCounts(r.counts); return r; }), { reloadOnShow: true });
  const q = `communityId=${encodeURIComponent(cid ?? '')}`;
  return (
    <View className='sbd-page'>
      <PageState loading={community.loading} error={community.error}>
        <View className='task-actions'>
          <Button className='task-btn' onClick={() => void Taro.navigateTo({ url: `/admin-service/wish-edit/index?${q}` })}>登记新心愿</Button>
          <Text className='task-hint' onClick={() => void Taro.setClipboardData({ data: `/wish/submit/index?${q}` })}>居民自助提交链接：/wish/submit/index?{q}（点击复制，可放入社区公众号菜单）</Text>
        </View>
        <View className='task-filters'>
          <Text className={`task-chip${!status ? ' task-chip--on' : ''}`} onClick={() => setStatus(undefined)}>全部</Text>
          {FILTERS.map((s) => <Text key={s} className={`task-chip${status === s ? ' task-chip--on' : ''}`} onClick={() => setStatus(s)}>{wishStatusLabel[s]}{counts[s] ? ` ${counts[s]}` : ''}</Text>)}
        </View>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='暂无心愿' emptyHint='网格员走访收集的心愿登记在这里，核实后发布到心愿墙'>
          {list.items.map((w) => <AdminWish key={w.id} w={w} q={q} onChanged={list.reload} />)}
          <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
        </PageState>
      </PageState>
    </View>
  );
}

function AdminWish({ w, q, onChanged }: { w: WishDetail; q: string; onChanged: () => Promise<void> }) {
  const [mode, setMode] = useState<'withdraw' | 'ack' | null>(null);
  const [reason, setReason] = useState('');
  const done = { onSuccess: () => { setMode(null); setReason(''); void onChanged(); } };
  const verify = useAction(() => api.wish.verify({ id: w.id, note: '已入户核实' }), { success: '已核实发布', ...done });
  const withdraw = useAction(() => api.wish.withdraw({ id: w.id, reason }), { success: '已下架', ...done });
  const ack = useAction(() => api.wish.acknowledge({ id: w.id, reason }), { success: '已代为确认', ...done });
  const confirmWish = useAction(() => api.wish.confirm({ id: w.id }), {
    onSuccess: (r) => { void Taro.showToast({ title: r.already ? '此前已确认' : `已确认，${r.awarded.length} 人获得积分`, icon: 'none' }); void onChanged(); },
  });
  const askConfirm = async () => {
    if (await confirm({ title: '确认心愿已实现？', content: `将为 ${w.groupSize} 名认领党员按规则发放积分，确认后不能撤回。`, danger: false })) void confirmWish.run();
  };
  return (
    <Card title={<Text className='svc-title'>{w.title}</Text>} extra={<StatusTag tone={wishStatusTone[w.status]} text={wishStatusLabel[w.status]} />}>
      <Text className='svc-line'><Text className='svc-type'>{wishCategoryLabel[w.category]}</Text>为 {w.forWhom} · 截止 {dateOf(w.deadline)}</Text>
      {w.beneficiary && <Text className='svc-line svc-line--muted'>受助人：{w.beneficiary.name} {w.beneficiary.phone} {w.beneficiary.address}</Text>}
      {w.donor && <Text className='svc-line'>认领：{w.donor}</Text>}
      {w.delivery && (
        <View>
          <Text className='svc-line'>送达：{dateOf(w.delivery.at)} {w.delivery.note}</Text>
          <PhotoPicker value={w.delivery.photoUrls} urls={w.delivery.photoUrls} readOnly />
        </View>
      )}
      {w.receipt && <Text className='svc-line svc-line--ok'>{w.receipt.via === 'code' ? '受助人已凭确认码确认收到' : `已代为确认收到：${w.receipt.reason ?? ''}`}</Text>}
      {w.status === 'reported' && w.detailsPending && <Text className='svc-line svc-line--warn'>居民提交的心愿：入户核实后请先「编辑」补全心愿对象、类别、价值上限和截止时间，再发布</Text>}
      {w.withdrawReason && <Text className='svc-line svc-line--muted'>下架原因：{w.withdrawReason}</Text>}
      {mode && (
        <Field title={mode === 'ack' ? '代确认原因' : '下架原因'} required value={reason} maxlength={100}
          placeholder={mode === 'ack' ? '代为确认的原因，如：电话回访，老人确认已收到' : '下架原因'} onInput={setReason} />
      )}
      <View className='task-btn-row'>
        {w.status === 'reported' && !w.detailsPending && <Button className='task-mini' loading={verify.loading} onClick={() => void verify.run()}>已入户核实，发布</Button>}
        {(w.status === 'reported' || w.status === 'open') && <Button className='task-mini' onClick={() => void Taro.navigateTo({ url: `/admin-service/wish-edit/index?id=${w.id}&${q}` })}>编辑</Button>}
        {(w.status === 'reported' || w.status === 'open') && mode !== 'withdraw' && <Button className='task-mini' onClick={() => setMode('withdraw')}>下架</Button>}
        {mode === 'withdraw' && <Button className='task-mini' loading={withdraw.loading} disabled={reason.trim().length < 2 ? true : undefined} onClick={() => void withdraw.run()}>确认下架</Button>}
        {w.status === 'fulfilled' && !w.receipt && mode !== 'ack' && <Button className='task-mini' onClick={() => setMode('ack')}>代为确认收到</Button>}
        {mode === 'ack' && <Button className='task-mini' loading={ack.loading} disabled={reason.trim().length < 2 ? true : undefined} onClick={() => void ack.run()}>提交代确认</Button>}
        {mode && <Button className='task-mini' onClick={() => { setMode(null); setReason(''); }}>取消</Button>}
        {w.status === 'fulfilled' && w.receipt && <Button className='task-mini' loading={confirmWish.loading} onClick={() => void askConfirm()}>确认实现并发放积分</Button>}
      </View>
    </Card>
  );
}
