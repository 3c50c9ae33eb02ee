import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { taskPhaseLabel, type AttendanceRow } from '@core/contracts/task';
import { api, ApiError, useAction, useQuery } from '../../api';
import { Card, Field, PageState, SearchBar, StatusTag, confirm, toastError } from '../../components';
import { ActionRow } from '../../components/ActionRow';
import { ListRow } from '../../components/ListRow';
import { PickerField } from '../../components/sub/PickerField';
import { fmtClock, fmtDate, fmtMinutes, fmtRange, fromChina } from '@core/format';
import { phaseTag } from '../../features/tasks/format';
import '../../features/tasks/tasks.scss';

/** Rows the admin must look at before confirming: missing sign-out, then 0 minutes (earns nothing). */
function attention(r: AttendanceRow): 0 | 1 | 2 {
  if (r.missingSignOut) return 0;
  if (r.signOutAt && (r.minutes ?? 0) === 0) return 1;
  return 2;
}
function attentionFirst(rows: AttendanceRow[]): AttendanceRow[] {
  return rows.map((r, i) => ({ r, i })).sort((a, b) => attention(a.r) - attention(b.r) || a.i - b.i).map((x) => x.r);
}
const names = (rows: AttendanceRow[]) => rows.slice(0, 5).map((r) => r.name).join('、') + (rows.length > 5 ? ` 等 ${rows.length} 人` : '');

function rowTag(r: AttendanceRow): string {
  if (r.confirmed) return 'confirmed';
  if (r.signOutAt) return 'signedOut';
  if (r.signInAt) return 'signedIn';
  return r.status;
}

/** 考勤确认: who signed up / in / out, records by hand, add a member, confirm when it ends. */
export default function TaskAttendancePage() {
  const id = useRouter().params.id ?? '';
  const q = useQuery(() => api.task.attendance({ taskId: id }), [id]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void q.reload();
    shown.current = true;
  });
  const [editing, setEditing] = useState<{ openid: string; name: string; day: string; in: string; out: string; reason: string } | null>(null);
  const [adding, setAdding] = useState(false);
  const [keyword, setKeyword] = useState('');
  const [found, setFound] = useState<Array<{ openid: string; name: string; phone: string }> | null>(null);

  const record = useAction(() => {
    const e = editing!;
    return api.task.recordAttendance({ taskId: id, openid: e.openid, signInAt: fromChina(e.day, e.in), signOutAt: fromChina(e.day, e.out), reason: e.reason });
  }, { success: '已补录', onSuccess: () => { setEditing(null); void q.reload(); } });
  const add = useAction((openid: string, name: string) => api.task.addMember({ taskId: id, openid, reason: `管理员代为报名：${name}` }), {
    success: '已添加', onSuccess: () => { setAdding(false); setFound(null); setKeyword(''); void q.reload(); },
  });
  const confirmRun = useAction((accept: boolean) => api.task.confirmAttendance({ taskId: id, acceptMissingSignOut: accept }), {
    onSuccess: (r) => {
      void Taro.showToast({ title: r.alreadyConfirmed ? '考勤此前已确认' : `已确认：到场 ${r.attended} 人，共 ${fmtMinutes(r.totalMinutes)}`, icon: 'none', duration: 2500 });
      void q.reload();
    },
  });

  const search = async (kw = keyword) => {
    try {
      setFound((await api.task.candidates({ taskId: id, keyword: kw.trim() })).items);
    } catch (err) {
      toastError(err);
    }
  };
  const onConfirm = async () => {
    const missing = q.data?.missingSignOut ?? 0;
    const rows = q.data?.rows ?? [];
    const noOut = rows.filter((r) => attention(r) === 0);
    const zero = rows.filter((r) => attention(r) === 1);
    // the rows that earn nothing come first, by name, so they are not confirmed by accident
    const heads = [
      noOut.length ? `未签退（按 0 分钟记录，不计分）：${names(noOut)}。` : '',
      zero.length ? `服务 0 分钟（不计分）：${names(zero)}。` : '',
    ].join('');
    const content = `${heads}确认后将计算服务时长并发放积分，未签到的报名党员记为未到场，不能再修改。`;
    if (!(await confirm({ title: '确认考勤？', content, danger: false }))) return;
    await confirmRun.run(missing > 0);
  };

  const t = q.data?.task;
  const ended = t && (t.phase === 'ended' || t.phase === 'finished');
  const live = t?.status === 'published' && !ended; // code and 代为报名 only while the task can still be attended
  return (
    <View className='sbd-page'>
      <PageState loading={q.loading} error={q.error} onRetry={q.reload}>
        {t && q.data && (
          <>
            <Card title={t.title} extra={<StatusTag status={phaseTag(t.phase)} text={taskPhaseLabel[t.phase]} />}>
              <Text className='task-card__time'>{fmtRange(t.startAt, t.endAt)} · {t.place.name}</Text>
              <View className='task-card__row'><Text>报名 {t.signed}/{t.slots}，候补 {t.waitlisted}，未签退 {q.data.missingSignOut}</Text></View>
              <ActionRow
                actions={[
                  { text: '展示签到码', show: live, onClick: () => void Taro.navigateTo({ url: `/admin-community/task-signin/index?id=${id}` }) },
                  { text: '编辑任务', show: t.status === 'published' || t.status === 'draft', onClick: () => void Taro.navigateTo({ url: `/admin-community/task-edit/index?id=${id}&communityId=${t.communityId}` }) },
                  { text: '代为报名', show: live, onClick: () => { setAdding(!adding); if (!adding) void search(''); } },
                ]}
              />
            </Card>
            {adding && live && (
              <Card title='代为报名'>
                <SearchBar placeholder='输入党员姓名搜索' onSearch={(kw) => { setKeyword(kw); void search(kw); }} />
                {found === null && <Text className='task-hint'>加载中…</Text>}
                {found?.length === 0 && <Text className='task-hint'>{keyword.trim() ? '没有找到未报名的党员，换个姓名试试' : '本社区党员均已报名'}</Text>}
                {found?.map((m) => (
                  <ListRow key={m.openid} title={`${m.name} ${m.phone}`} extra={<ActionRow actions={[{ text: '添加', loading: add.loading, disabled: add.busy, onClick: () => void add.run(m.openid, m.name) }]} />} />
                ))}
              </Card>
            )}
            {editing && (
              <Card title={`补录考勤：${editing.name}`}>
                <PickerField mode='time' title='签到' arrow value={editing.in} display={`${editing.day} ${editing.in}`} onChange={(t) => setEditing({ ...editing, in: t })} />
                <PickerField mode='time' title='签退' arrow value={editing.out} display={`${editing.day} ${editing.out}`} onChange={(t) => setEditing({ ...editing, out: t })} />
                <Field title='原因' required placeholder='如：党员未带手机' value={editing.reason} onInput={(v) => setEditing({ ...editing, reason: v })} />
                <ActionRow
                  actions={[
                    { text: '保存补录', loading: record.loading, disabled: !editing.reason.trim() || record.busy, onClick: () => void record.run() },
                    { text: '取消', onClick: () => setEditing(null) },
                  ]}
                />
              </Card>
            )}
            <Card title={`报名名单（${q.data.rows.length}）`}>
              {q.data.rows.length === 0 && <Text className='task-hint'>暂无报名</Text>}
              {attentionFirst(q.data.rows).map((r) => (
                <ListRow
                  key={r.openid}
                  warn={attention(r) < 2}
                  title={`${r.name} ${r.phone}${r.position ? `（候补第 ${r.position} 位）` : ''}`}
                  extra={<StatusTag status={rowTag(r)} />}
                  description={
                    <Text>
                      {r.signInAt ? `签到 ${fmtClock(r.signInAt)}` : '未签到'}
                      {r.signOutAt ? ` · 签退 ${fmtClock(r.signOutAt)}` : ''}
                      {r.minutes != null ? ` · ${fmtMinutes(r.minutes)}` : ''}
                      {r.manual ? ' · 手工录入（积分待另一位管理员复核）' : r.byAdmin ? (r.signInAt ? ' · 管理员补录' : ' · 管理员代报名') : ''}
                      {r.missingSignOut && <Text className='task-warn'> 未签退</Text>}
                    </Text>
                  }
                >
                  <ActionRow
                    actions={[{
                      text: '补录',
                      show: t.status === 'published' && !r.confirmed && r.status === 'signed',
                      onClick: () => setEditing({ openid: r.openid, name: r.name, day: fmtDate(t.startAt), in: r.signInAt ? fmtClock(r.signInAt) : fmtClock(t.startAt), out: r.signOutAt ? fmtClock(r.signOutAt) : fmtClock(t.endAt), reason: '' }),
                    }]}
                  />
                </ListRow>
              ))}
            </Card>
            <View className='task-actions'>
              {t.status === 'published' && (
                <Button className='task-btn confirm-attendance' disabled={!ended || undefined} loading={confirmRun.loading} onClick={() => ended && void onConfirm()}>
                  {ended ? '确认考勤并发放积分' : '任务结束后可确认考勤'}
                </Button>
              )}
              {t.status === 'finished' && <Text className='task-hint'>考勤已确认，服务时长与积分已记入党员档案</Text>}
              {confirmRun.error instanceof ApiError && <Text className='task-error'>{confirmRun.error.message}</Text>}
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
