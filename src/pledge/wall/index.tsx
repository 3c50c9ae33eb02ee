import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { pledgePhaseLabel, pledgeRatingLabel, pledgeTypeLabel, type PledgeRatingDto, type PledgeWallItem } from '@core/contracts/pledge';
import { api, newRequestId, useAction, usePagedList } from '../../api';
import { Card, ListFooter, PageState, StatusTag } from '../../components';
import { ProgressBar } from '../../features/service/ProgressBar';
import { RatingButtons, RatingLine } from '../../features/service/RatingLine';
import { dateOf, pledgePhaseTone } from '../../features/service/format';
import '../../features/service/service.scss';

/** One public pledge; residents rate it (群众评) once it is due or judged. */
function WallCard({ p }: { p: PledgeWallItem }) {
  const [shown, setShown] = useState(p);
  const rate = useAction((rating: PledgeRatingDto) => api.pledge.rate({ id: p.id, rating, requestId: newRequestId() }), {
    success: '感谢您的评价',
    onSuccess: (r) => setShown({ ...shown, ratings: r.ratings, myRating: r.myRating, canRate: false }),
  });
  return (
    <Card title={<Text className='svc-title'><Text className='svc-type'>{pledgeTypeLabel[p.type]}</Text>{p.title}</Text>} extra={<StatusTag tone={pledgePhaseTone[p.phase]} text={pledgePhaseLabel[p.phase]} />}>
      <Text className='svc-line'>{p.name} · 目标：{p.targetText} · 截止 {dateOf(p.deadline)}</Text>
      <ProgressBar percent={p.percent} text={`完成 ${p.percent}%`} />
      {p.explanation && <Text className='svc-line svc-line--muted'>说明：{p.explanation}</Text>}
      <RatingLine ratings={shown.ratings} />
      {shown.myRating && <Text className='svc-line svc-line--ok'>您的评价：{pledgeRatingLabel[shown.myRating]}</Text>}
      {shown.canRate && <RatingButtons busy={rate.loading} onRate={(r) => void rate.run(r)} />}
    </Card>
  );
}

/** 承诺墙: the community's approved pledges of this year, names masked, with progress and results. */
export default function PledgeWall() {
  const communityId = Taro.getCurrentInstance().router?.params.communityId;
  const [name, setName] = useState('');
  const [shownId, setShownId] = useState(communityId ?? '');
  const list = usePagedList(async (page) => {
    const r = await api.pledge.wall({ communityId, page, pageSize: 20 });
    setName(r.communityName);
    setShownId(r.communityId);
    return r;
  }, [communityId]);
  // shared to residents' groups: they see and rate (群众评) the community's pledges
  useShareAppMessage(() => ({ title: `${name}党员公开承诺，欢迎监督评价`, path: `/pledge/wall/index?communityId=${shownId}` }));
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  return (
    <View className='sbd-page'>
      {name && <View className='svc-head'><Text className='svc-head__title'>{name} · 党员公开承诺</Text><Text>{list.total} 项</Text></View>}
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='还没有公示的承诺' emptyHint='党员的承诺经社区审核通过后在这里公示，接受群众监督'>
        {list.items.map((p) => <WallCard key={p.id} p={p} />)}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
