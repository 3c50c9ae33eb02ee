import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { pledgePhaseLabel, pledgeTypeLabel, type PledgeView } from '@core/contracts/pledge';
import { RatingLine } from '../../features/service/RatingLine';
import { api, useAction, useQuery } from '../../api';
import { Card, PageState, StatusTag, TextArea, confirm } from '../../components';
import { ProgressBar } from '../../features/service/ProgressBar';
import { PhotoPicker } from '../../features/service/PhotoPicker';
import { dateOf, newRequestId, pledgePhaseTone, unitOf } from '../../features/service/format';
import '../../features/service/service.scss';
import '../../features/tasks/tasks.scss';

/** 我的承诺: this year's pledges with their progress, review results, evidence; create and edit. */
export default function MyPledges() {
  const q = useQuery(() => api.pledge.mine({}), []);
  const first = useRef(true);
  useDidShow(() => {
    if (first.current) { first.current = false; return; }
    void q.reload(); // back from the edit page
  });
  usePullDownRefresh(() => void q.reload().then(() => Taro.stopPullDownRefresh()));
  const d = q.data;
  const goEdit = (id?: string) => void Taro.navigateTo({ url: `/pledge/edit/index${id ? `?id=${id}` : ''}` });
  return (
    <View className='sbd-page'>
      <PageState loading={q.loading} error={q.error} onRetry={q.reload}>
        {d && (
          <View className='svc-head'>
            <Text className='svc-head__title'>{d.year} 年度承诺</Text>
            <Text>已作 {d.used}/{d.limit} 项</Text>
          </View>
        )}
        {d && !d.communityId && <View className='task-notice'>报到社区审核通过后才能作承诺</View>}
        <PageState loading={false} empty={!!d && d.items.length === 0} emptyText='今年还没有承诺' emptyHint='承诺要具体、可检查，如「参加 6 次环境整治」「志愿服务 20 小时」，社区审核后在承诺墙公示'>
          {d?.items.map((p) => <PledgeCard key={p.id} p={p} onEdit={() => goEdit(p.id)} onChanged={q.reload} />)}
        </PageState>
        <View className='task-actions'>
          {d?.canPledge && <Button className='task-btn' onClick={() => goEdit()}>新建承诺</Button>}
          {d && !d.canPledge && d.communityId && d.used >= d.limit && <Text className='task-hint'>今年的承诺已满 {d.limit} 项</Text>}
          <Button className='task-btn task-btn--ghost' onClick={() => void Taro.navigateTo({ url: '/pledge/wall/index' })}>看看社区承诺墙</Button>
        </View>
      </PageState>
    </View>
  );
}

function PledgeCard({ p, onEdit, onChanged }: { p: PledgeView; onEdit: () => void; onChanged: () => Promise<void> }) {
  const [adding, setAdding] = useState(false);
  const [evaluating, setEvaluating] = useState(false);
  const remove = useAction(() => api.pledge.remove({ id: p.id }), { success: '已删除', onSuccess: () => void onChanged() });
  const editable = p.status === 'draft' || p.status === 'returned';
  const ask = async () => {
    if (await confirm({ title: '删除这项承诺？', content: p.title })) void remove.run();
  };
  return (
    <Card className='pledge-card' title={<Text className='svc-title'><Text className='svc-type'>{pledgeTypeLabel[p.type]}</Text>{p.title}</Text>} extra={<StatusTag tone={pledgePhaseTone[p.phase]} text={pledgePhaseLabel[p.phase]} />}>
      <Text className='svc-target'>目标：{p.targetText}</Text>
      <Text className='svc-line svc-line--muted'>截止 {dateOf(p.deadline)}{p.link ? ` · 对应：${p.link.title}` : ''}</Text>
      {(p.status === 'approved' || p.review) && <ProgressBar done={p.progress.done} goal={p.progress.goal} percent={p.progress.percent} unit={unitOf(p.target)} />}
      {p.status === 'approved' && p.target.kind !== 'manual' && <Text className='svc-line svc-line--muted'>进度按社区确认的考勤{p.target.kind === 'wishes' ? '和实现的微心愿' : ''}自动累计</Text>}
      {p.status === 'returned' && p.returnReason && <Text className='svc-line svc-line--warn'>退回原因：{p.returnReason}</Text>}
      {p.status === 'submitted' && <Text className='svc-line svc-line--muted'>已提交，等待社区审核</Text>}
      {p.review && (
        <Text className={`svc-line ${p.review.outcome === 'fulfilled' ? 'svc-line--ok' : ''}`}>
          评诺：{pledgePhaseLabel[p.review.outcome]}{p.review.points ? `，积分 +${p.review.points}` : ''}{p.review.reason ? `（${p.review.objective ? '客观原因：' : ''}${p.review.reason}）` : ''}
        </Text>
      )}
      {p.evidence.length > 0 && (
        <View className='svc-evidence'>
          {p.evidence.map((e) => (
            <View key={e.id}>
              <Text className='svc-line'>{dateOf(e.createdAt)} {e.text}</Text>
              {e.photoUrls.length > 0 && <PhotoPicker value={e.photos} urls={e.photoUrls} readOnly />}
            </View>
          ))}
        </View>
      )}
      {p.selfEval && !evaluating && <Text className='svc-line'>自评：{p.selfEval.text}</Text>}
      <RatingLine ratings={p.ratings} />
      {evaluating && <SelfEvalForm p={p} onDone={() => { setEvaluating(false); void onChanged(); }} onCancel={() => setEvaluating(false)} />}
      {adding && <EvidenceForm id={p.id} onDone={() => { setAdding(false); void onChanged(); }} onCancel={() => setAdding(false)} />}
      <View className='task-btn-row'>
        {editable && <Button className='task-mini' onClick={onEdit}>{p.status === 'returned' ? '修改后重新提交' : '编辑'}</Button>}
        {editable && <Button className='task-mini' loading={remove.loading} onClick={() => void ask()}>删除</Button>}
        {p.status === 'approved' && !adding && <Button className='task-mini' onClick={() => setAdding(true)}>添加践诺记录</Button>}
        {p.phase === 'due' && !evaluating && <Button className='task-mini' onClick={() => setEvaluating(true)}>{p.selfEval ? '修改自评' : '写自评'}</Button>}
      </View>
    </Card>
  );
}

/** 自评 at year end: what was kept, in the member's words; the community sees it when judging. */
function SelfEvalForm({ p, onDone, onCancel }: { p: PledgeView; onDone: () => void; onCancel: () => void }) {
  const [text, setText] = useState(p.selfEval?.text ?? '');
  const save = useAction(() => api.pledge.selfEvaluate({ id: p.id, text: text.trim() }), { success: '自评已提交', onSuccess: onDone });
  return (
    <View className='svc-evidence'>
      <TextArea title='自评' required value={text} maxlength={200} placeholder='写明践诺情况：做了什么、做了多少、有什么不足' onInput={setText}
        description='社区年终评诺时会看到您的自评和群众评价。' />
      <View className='task-btn-row'>
        <Button className='task-mini' loading={save.loading} disabled={text.trim().length < 4 ? true : undefined} onClick={() => void save.run()}>提交自评</Button>
        <Button className='task-mini' onClick={onCancel}>取消</Button>
      </View>
    </View>
  );
}

function EvidenceForm({ id, onDone, onCancel }: { id: string; onDone: () => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const requestId = useRef(newRequestId());
  const save = useAction(() => api.pledge.addEvidence({ id, requestId: requestId.current, text, photos }), { success: '已记录', onSuccess: onDone });
  return (
    <View className='svc-evidence'>
      <TextArea title='做了什么' required value={text} maxlength={300} placeholder='如：4 月 12 日为 3 栋王奶奶代购药品' onInput={setText} />
      <Text className='svc-form-label'>照片（选填，最多 9 张）</Text>
      <PhotoPicker value={photos} onChange={setPhotos} folder='pledge' max={9} />
      <View className='task-btn-row'>
        <Button className='task-mini' loading={save.loading} disabled={text.trim().length < 2 ? true : undefined} onClick={() => void save.run()}>保存记录</Button>
        <Button className='task-mini' onClick={onCancel}>取消</Button>
      </View>
    </View>
  );
}
