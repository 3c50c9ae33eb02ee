import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { TaskDetail } from '@core/contracts/task';
import { signupStatusLabel, taskAudienceLabel, taskCategoryLabel, taskPhaseLabel } from '@core/contracts/labels';
import { api, askConsent, useAction, useQuery, useRequestId, warmConsent } from '../../api';
import { Card, PageState, StatusTag, confirm, Field } from '../../components';
import { fmtMinutes, fmtMonthDayTime, fmtRange } from '@core/format';
import { serviceMinutes } from '@core/domain/hours';
import { phaseTag } from '../../features/tasks/format';
import '../../features/tasks/tasks.scss';

/** The member's location, only when the task has a geofence (asked at the moment of signing). */
async function locationFor(task: TaskDetail): Promise<{ lat: number; lng: number } | undefined> {
  if (task.place.radius == null) return undefined;
  try {
    const loc = await Taro.getLocation({ type: 'gcj02' });
    return { lat: loc.latitude, lng: loc.longitude };
  } catch {
    return undefined; // the server answers LOCATION_REQUIRED with a clear message
  }
}

/** 任务详情: what, when, where; signup / cancel; on site sign-in and sign-out with the code. */
/**
 * 服务时长 after sign-out (not only in the toast): the confirmed minutes once the community has
 * confirmed attendance, until then the minutes measured from my sign-in and sign-out.
 */
function served(t: TaskDetail, mine: NonNullable<TaskDetail['mine']>) {
  if (mine.minutes != null) return <Field title='服务时长'>{fmtMinutes(mine.minutes)}</Field>;
  if (!mine.signInAt || !mine.signOutAt) return null;
  const m = serviceMinutes(new Date(mine.signInAt), new Date(mine.signOutAt), { startAt: new Date(t.startAt), endAt: new Date(t.endAt) });
  return <Field title='服务时长' description='社区确认考勤后计入服务记录和积分'>{fmtMinutes(m)}</Field>;
}

export default function TaskDetailPage() {
  const id = useRouter().params.id ?? '';
  const q = useQuery(() => api.task.getTask({ id }), [id]);
  useEffect(warmConsent, []);
  const communityId = q.data?.task.communityId;
  // the points this task earns: the community's rule in force (hidden when it cannot be loaded)
  const rule = useQuery(() => (communityId ? api.points.rules({ scopeId: communityId }).catch(() => null) : Promise.resolve(null)), [communityId]);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState('');

  // a retried 报名 (lost answer, double tap) is answered as the first one was
  const rid = useRequestId();
  const signup = useAction(() => api.task.signup({ taskId: id, requestId: rid.current }), {
    onSuccess: (r) => {
      rid.renew();
      setNotice(r.overlap ? `提醒：与您已报名的「${r.overlapTitles.join('、')}」时间重叠，请合理安排。` : '');
      void Taro.showToast({ title: r.status === 'signed' ? '报名成功' : `已进入候补第 ${r.position} 位`, icon: 'none' });
      void q.reload();
    },
  });
  const cancel = useAction(() => api.task.cancelSignup({ taskId: id }), { success: '已取消报名', onSuccess: () => void q.reload() });
  const signIn = useAction(async (text: string) => api.task.signIn({ code: text, taskId: id, location: q.data ? await locationFor(q.data.task) : undefined }), {
    success: '签到成功',
    onSuccess: () => { setCode(''); void q.reload(); },
  });
  const signOut = useAction(async (text: string) => api.task.signOut({
    code: text, taskId: id, location: q.data ? await locationFor(q.data.task) : undefined,
  }), {
    onSuccess: (r) => { setCode(''); void Taro.showToast({ title: `签退成功，服务 ${fmtMinutes(r.minutes)}`, icon: 'none' }); void q.reload(); },
  });

  const scan = async (then: (text: string) => unknown) => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      then(res.result);
    } catch {
      // cancelled by the user
    }
  };
  /**
   * Signup tap: first ask consent for the sign-up flow's messages (task reminder, task changed /
   * cancelled; WeChat allows the request only directly from a tap, once per task here), then sign up.
   */
  const onSignup = (task: TaskDetail) => {
    void askConsent('signup', task.id).then(() => signup.run());
  };
  const onCancel = async () => {
    if (await confirm({ title: '取消报名？', content: '取消后名额会让给候补的党员' })) void cancel.run();
  };

  const t = q.data?.task;
  const mine = t?.mine && t.mine.status !== 'cancelled' ? t.mine : null;
  const codeStep = t?.can.signIn ? 'in' : t?.can.signOut ? 'out' : null;
  const isWeapp = process.env.TARO_ENV === 'weapp';
  return (
    <View className='sbd-page task-detail'>
      <PageState loading={q.loading} error={q.error} onRetry={q.reload}>
        {t && (
          <>
            <Card title={t.title} extra={<StatusTag status={phaseTag(t.phase)} text={taskPhaseLabel[t.phase]} />}>
              <Field title='类别'>{taskCategoryLabel[t.category]}</Field>
              <Field title='时间'>{fmtRange(t.startAt, t.endAt)}</Field>
              <Field title='地点'>{t.place.name}{t.place.radius ? `（需在 ${t.place.radius} 米内签到）` : ''}</Field>
              <Field title='社区'>{t.communityName}</Field>
              <Field title='名额'>已报名 {t.signed}/{t.slots}{t.waitlisted ? `，候补 ${t.waitlisted} 人` : ''}</Field>
              <Field title='报名截止'>{fmtMonthDayTime(t.signupDeadline)}</Field>
              <Field title='报名范围'>{taskAudienceLabel[t.audience]}</Field>
              {rule.data && (
                <Field title='积分'>每次 {rule.data.rule.attendance} 分，另按每小时 {rule.data.rule.perHour} 分计；报名未到 {rule.data.rule.noshow} 分</Field>
              )}
              {t.skills.length > 0 && <Field title='所需技能'>{t.skills.join('、')}</Field>}
              {t.cancelReason && <Field title='取消原因'>{t.cancelReason}</Field>}
            </Card>
            {t.description && (
              <Card title='任务说明'>
                <Text>{t.description}</Text>
              </Card>
            )}
            {mine && (
              <Card title='我的报名' extra={<StatusTag status={mine.signOutAt ? 'signedOut' : mine.signInAt ? 'signedIn' : mine.status} />}>
                {!mine.signInAt && <Field title='状态'>{signupStatusLabel[mine.status]}{mine.position ? `（第 ${mine.position} 位，有人取消时自动递补）` : ''}</Field>}
                {mine.signInAt && <Field title='签到'>{fmtMonthDayTime(mine.signInAt)}</Field>}
                {mine.signOutAt && <Field title='签退'>{fmtMonthDayTime(mine.signOutAt)}</Field>}
                {served(t, mine)}
                {mine.status === 'signed' && !mine.signInAt && !t.can.signIn && t.phase !== 'finished' && (
                  <Text className='task-hint'>签到将于 {fmtMonthDayTime(t.signInOpensAt)} 开放，请到现场扫描社区展示的二维码</Text>
                )}
              </Card>
            )}
            {notice && <View className='task-notice'>{notice}</View>}
            {codeStep && (
              <Card title={codeStep === 'in' ? '现场签到' : '现场签退'}>
                {isWeapp && (
                  <Button className='task-btn' onClick={() => void scan((text) => (codeStep === 'in' ? signIn.run(text) : signOut.run(text)))}>
                    扫码{codeStep === 'in' ? '签到' : '签退'}
                  </Button>
                )}
                <Field title='签到码' placeholder='或粘贴现场屏幕上的签到码' value={code} maxlength={200} onInput={setCode} />
                <Button
                  className='task-btn task-btn--ghost'
                  disabled={!code.trim() || signIn.loading || signOut.loading || undefined}
                  onClick={() => code.trim() && void (codeStep === 'in' ? signIn.run(code.trim()) : signOut.run(code.trim()))}
                >
                  {codeStep === 'in' ? '提交签到' : '提交签退'}
                </Button>
              </Card>
            )}
            <View className='task-actions'>
              {t.can.signup && <Button className='task-btn' loading={signup.loading} onClick={() => onSignup(t)}>{t.signed >= t.slots ? '报名候补' : '我要报名'}</Button>}
              {t.can.cancelSignup && <Button className='task-btn task-btn--plain' loading={cancel.loading} onClick={() => void onCancel()}>取消报名</Button>}
              {t.can.manage && (
                <Button className='task-btn task-btn--ghost' onClick={() => Taro.navigateTo({ url: `/admin-community/task-attendance/index?id=${t.id}` })}>管理考勤</Button>
              )}
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
