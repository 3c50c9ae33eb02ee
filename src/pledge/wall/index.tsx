import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { pledgePhaseLabel, pledgeTypeLabel } from '@core/contracts/pledge';
import { api, usePagedList } from '../../api';
import { Card, ListFooter, PageState, StatusTag } from '../../components';
import { ProgressBar } from '../../features/service/ProgressBar';
import { dateOf, pledgePhaseTone } from '../../features/service/format';
import '../../features/service/service.scss';

/** 承诺墙: the community's approved pledges of this year, names masked, with progress and results. */
export default function PledgeWall() {
  const communityId = Taro.getCurrentInstance().router?.params.communityId;
  const [name, setName] = useState('');
  const list = usePagedList(async (page) => {
    const r = await api.pledge.wall({ communityId, page, pageSize: 20 });
    setName(r.communityName);
    return r;
  }, [communityId]);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  return (
    <View className='sbd-page'>
      {name && <View className='svc-head'><Text className='svc-head__title'>{name} · 党员公开承诺</Text><Text>{list.total} 项</Text></View>}
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='还没有公示的承诺' emptyHint='党员的承诺经社区审核通过后在这里公示，接受群众监督'>
        {list.items.map((p) => (
          <Card key={p.id} title={<Text className='svc-title'><Text className='svc-type'>{pledgeTypeLabel[p.type]}</Text>{p.title}</Text>} extra={<StatusTag tone={pledgePhaseTone[p.phase]} text={pledgePhaseLabel[p.phase]} />}>
            <Text className='svc-line'>{p.name} · 目标：{p.targetText} · 截止 {dateOf(p.deadline)}</Text>
            <ProgressBar percent={p.percent} text={`完成 ${p.percent}%`} />
            {p.explanation && <Text className='svc-line svc-line--muted'>说明：{p.explanation}</Text>}
          </Card>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
