import { Button, Text, View } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { wishCategoryLabel, wishStatusLabel, type WishDetail } from '@core/contracts/wish';
import { api, askConsent, useAction, useQuery, warmConsent } from '../../api';
import { Card, Field, PageState, StatusTag, TextArea, confirm } from '../../components';
import { PhotoPicker } from '../../features/service/PhotoPicker';
import { dateOf, newRequestId, wishStatusTone } from '../../features/service/format';
import '../../features/service/service.scss';
import '../../features/tasks/tasks.scss';

/**
 * A wish: what and for whom; claim it (alone or anonymously), invite colleagues, report progress,
 * deliver with a photo and show the receipt code; the beneficiary or grid worker confirms with it.
 */
export default function WishDetailPage() {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const id = params.id ?? '';
  const invite = params.invite;
  const q = useQuery(() => api.wish.get({ id, invite }), [id]);
  const [w, setW] = useState<WishDetail>();
  const shown = w ?? q.data;
  const update = (next: WishDetail) => setW(next);
  useShareAppMessage(() => ({
    title: `一起认领微心愿：${shown?.title ?? ''}`,
    path: `/wish/detail/index?id=${id}${shown?.claim ? `&invite=${shown.claim.inviteCode}` : ''}`,
  }));
  return (
    <View className='sbd-page'>
      <PageState loading={q.loading} error={q.error} onRetry={q.reload}>
        {shown && <Body w={shown} invite={invite} onChange={update} reload={() => { setW(undefined); return q.reload(); }} />}
      </PageState>
    </View>
  );
}

function Body({ w, invite, onChange, reload }: { w: WishDetail; invite?: string; onChange: (w: WishDetail) => void; reload: () => Promise<void> }) {
  const [anonymous, setAnonymous] = useState(false);
  const claim = useAction(() => api.wish.claim({ id: w.id, anonymous }), { success: '认领成功', onSuccess: onChange });
  const join = useAction((code: string) => api.wish.join({ id: w.id, inviteCode: code }), { success: '已加入', onSuccess: onChange });
  const [code, setCode] = useState(invite ?? '');
  useEffect(warmConsent, []);
  const askClaim = async () => {
    const ok = await confirm({ title: anonymous ? '匿名认领这个心愿？' : '认领这个心愿？', content: '认领后请先联系社区了解情况再送达；14 天内没有进展将自动释放。', confirmText: '认领', danger: false });
    if (!ok) return;
    // consent for progress reminders at the claim tap (once per wish)
    await askConsent('claim', w.id);
    void claim.run();
  };
  const askJoin = async (inviteCode: string) => {
    await askConsent('claim', w.id);
    void join.run(inviteCode);
  };
  return (
    <View>
      <Card title={<Text className='svc-title'>{w.title}</Text>} extra={<StatusTag tone={wishStatusTone[w.status]} text={wishStatusLabel[w.status]} />}>
        <Text className='svc-line'><Text className='svc-type'>{wishCategoryLabel[w.category]}</Text>为 {w.forWhom} · {w.communityName}</Text>
        {w.description && <Text className='svc-line'>{w.description}</Text>}
        <Text className='svc-line svc-line--muted'>{w.valueCap > 0 ? `价值不超过 ${w.valueCap} 元 · ` : ''}截止 {dateOf(w.deadline)}</Text>
        {w.verifiedNote && <Text className='svc-line svc-line--ok'>社区核实：{w.verifiedNote}</Text>}
        {w.donor && <Text className='svc-line'>认领：{w.donor}</Text>}
        {w.photoUrls.length > 0 && <PhotoPicker value={w.photoUrls} urls={w.photoUrls} readOnly />}
      </Card>

      {w.beneficiary && (
        <Card title='受助人信息'>
          <Text className='svc-line'>{w.beneficiary.name}{w.beneficiary.phone ? ` · ${w.beneficiary.phone}` : ''}</Text>
          {w.beneficiary.address && <Text className='svc-line'>{w.beneficiary.address}</Text>}
          {w.beneficiary.note && <Text className='svc-line svc-line--muted'>{w.beneficiary.note}</Text>}
          <View className='svc-private'>仅社区管理员和认领党员可见，请勿外传。上门前请先联系社区。</View>
        </Card>
      )}

      {w.status === 'open' && !w.isAdmin && (
        <Card title='认领心愿'>
          <View className='svc-select' onClick={() => setAnonymous(!anonymous)}>
            <Text className={`svc-check${anonymous ? ' svc-check--on' : ''}`}>✓</Text>
            <Text className='svc-line'>匿名认领（心愿墙和受助人都看不到您的名字）</Text>
          </View>
          <View className='task-actions'><Button className='task-btn' loading={claim.loading} onClick={() => void askClaim()}>我来认领</Button></View>
        </Card>
      )}

      {w.canJoin && (
        <Card title='同事邀请您一起认领'>
          <View className='task-actions'><Button className='task-btn' loading={join.loading} onClick={() => void askJoin(invite!)}>加入一起认领</Button></View>
        </Card>
      )}
      {w.status === 'claimed' && !w.claim && !w.canJoin && !w.isAdmin && w.groupSize < w.groupMax && (
        <Card title='有邀请码？'>
          <Field title='邀请码' value={code} maxlength={8} placeholder='输入同事给的邀请码' onInput={setCode}
            extra={<Button className='task-mini' loading={join.loading} disabled={code.trim().length < 4 ? true : undefined} onClick={() => void askJoin(code.trim())}>加入</Button>} />
        </Card>
      )}

      {w.claim && <ClaimPanel w={w} onChange={onChange} reload={reload} />}
      {!w.claim && w.status === 'fulfilled' && !w.receipt && !w.isAdmin && <ReceiptForm w={w} />}
    </View>
  );
}

function ClaimPanel({ w, onChange, reload }: { w: WishDetail; onChange: (w: WishDetail) => void; reload: () => Promise<void> }) {
  const c = w.claim!;
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [deliverNote, setDeliverNote] = useState('');
  const [releasing, setReleasing] = useState(false);
  const [reason, setReason] = useState('');
  const requestId = useRef(newRequestId());
  const progress = useAction(() => api.wish.progress({ id: w.id, note }), { success: '已报告进展', onSuccess: (x) => { setNote(''); onChange(x); } });
  const fulfil = useAction(() => api.wish.fulfil({ id: w.id, requestId: requestId.current, note: deliverNote, photos }), { success: '已提交送达', onSuccess: onChange });
  const release = useAction(() => api.wish.release({ id: w.id, reason }), { success: '已放弃认领', onSuccess: () => void reload() });
  const copy = () => void Taro.setClipboardData({ data: c.inviteCode });
  return (
    <View>
      <Card title={`我的认领${c.anonymous ? '（匿名）' : ''}`}>
        <Text className='svc-line'>成员：{c.members.map((m) => `${m.name}${m.leader ? '（发起）' : ''}`).join('、')}</Text>
        {w.status === 'claimed' && (
          <View>
            <Text className='svc-line svc-line--muted'>认领于 {dateOf(c.claimedAt)}，{dateOf(c.releaseAt)} 前没有进展将自动释放</Text>
            {c.progressNote && <Text className='svc-line'>最新进展：{c.progressNote}</Text>}
            {w.groupSize < w.groupMax && (
              <Text className='svc-line' onClick={copy}>邀请同单位或同社区的党员一起认领：邀请码 <Text className='svc-type'>{c.inviteCode}</Text>（点此复制，或转发本页）</Text>
            )}
          </View>
        )}
      </Card>

      {w.status === 'claimed' && (
        <Card title='报告进展'>
          <Field title='进展' value={note} maxlength={100} placeholder='如：已联系社区，周六送达' onInput={setNote}
            extra={<Button className='task-mini' loading={progress.loading} disabled={note.trim().length < 2 ? true : undefined} onClick={() => void progress.run()}>提交</Button>} />
        </Card>
      )}

      {w.status === 'claimed' && (
        <Card title='送达心愿'>
          <Text className='svc-form-label svc-form-label--req'>送达照片</Text>
          <PhotoPicker value={photos} onChange={setPhotos} folder='wish' max={9} />
          <Text className='svc-hint'>请避免拍到受助人正脸，或在上传前打码；不要摆拍。长按照片可删除。</Text>
          <TextArea title='送达说明' value={deliverNote} maxlength={200} placeholder='如：3 月 8 日送到家中，老人试用合适' onInput={setDeliverNote} />
          <View className='task-actions'>
            <Button className='task-btn' loading={fulfil.loading} disabled={photos.length === 0 ? true : undefined} onClick={() => void fulfil.run()}>提交送达</Button>
            {photos.length === 0 && <Text className='task-hint'>至少上传 1 张送达照片</Text>}
          </View>
        </Card>
      )}

      {w.status === 'fulfilled' && (
        <Card title={w.receipt ? '受助人已确认收到' : '请受助人确认收到'}>
          {w.receipt ? (
            <Text className='svc-line svc-line--ok'>{w.receipt.via === 'code' ? '受助居民/网格员已输入确认码' : `社区代为确认：${w.receipt.reason ?? ''}`}，等待社区确认实现后发放积分</Text>
          ) : (
            <View>
              <Text className='svc-line'>请把本页转发给受助居民或网格员（或让其在心愿墙打开这个心愿），在「我是受助居民 / 网格员」处输入下面的确认码：</Text>
              <View className='svc-code'>{c.receiptCode}</View>
              <Text className='svc-hint'>也可请社区电话回访后代为确认。</Text>
            </View>
          )}
        </Card>
      )}
      {w.delivery && (
        <Card title='送达记录'>
          <Text className='svc-line svc-line--muted'>{dateOf(w.delivery.at)} {w.delivery.note}</Text>
          <PhotoPicker value={w.delivery.photoUrls} urls={w.delivery.photoUrls} readOnly />
        </Card>
      )}

      {w.status === 'claimed' && c.leader && (
        releasing ? (
          <Card title='放弃认领'>
            <Field title='原因' required value={reason} maxlength={100} placeholder='请写明原因，心愿将回到心愿墙' onInput={setReason} />
            <View className='task-btn-row'>
              <Button className='task-mini' loading={release.loading} disabled={reason.trim().length < 2 ? true : undefined} onClick={() => void release.run()}>确认放弃</Button>
              <Button className='task-mini' onClick={() => setReleasing(false)}>取消</Button>
            </View>
          </Card>
        ) : (
          <View className='task-actions'><Button className='task-btn task-btn--plain' onClick={() => setReleasing(true)}>放弃认领</Button></View>
        )
      )}
    </View>
  );
}

/** The beneficiary or grid worker enters the code the member shows. */
function ReceiptForm({ w }: { w: WishDetail }) {
  const [code, setCode] = useState('');
  const [done, setDone] = useState<string>();
  const ack = useAction(() => api.wish.acknowledge({ id: w.id, code }), { onSuccess: (r) => setDone(`已确认收到「${r.title}」，感谢${r.donor}！`) });
  return (
    <Card title='我是受助居民 / 网格员'>
      {done ? <Text className='svc-line svc-line--ok'>{done}</Text> : (
        <Field title='确认码' type='number' value={code} maxlength={6} placeholder='输入党员出示的 6 位确认码' onInput={setCode}
          extra={<Button className='task-mini' loading={ack.loading} disabled={code.length !== 6 ? true : undefined} onClick={() => void ack.run()}>确认收到</Button>} />
      )}
    </Card>
  );
}
