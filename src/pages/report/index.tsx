import { View, Text, Button } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { reportStatusLabel } from '@core/contracts/labels';
import type { ReportView } from '@core/contracts/report';
import { parseScene, sceneFromLink } from '@core/domain/scene';
import { api, askConsent, useAction, useQuery, useRequestId, warmConsent } from '../../api';
import { Card, Field, PageState, SectionTitle, StatusTag, confirm } from '../../components';
import '../../features/report/report.scss';
import { fmtDateTime } from '@core/format';

/**
 * 到社区报到. Opened by scanning a community's report code (weapp: `options.scene`, URL-encoded;
 * h5: `?scene=`), or from 首页 without a scene: then it shows my report and history.
 */
export default function ReportPage() {
  const params = useRouter().params;
  const rawScene = params.scene ?? '';
  const scene = rawScene ? parseScene(rawScene) : null;
  // bumped after a submit so the history below reloads
  const [rev, setRev] = useState(0);
  return (
    <View className='sbd-page report'>
      {rawScene && !scene ? (
        <Card title='无法识别的报到码'>
          <Text>二维码无效或已损坏，请重新扫描社区报到码。</Text>
        </Card>
      ) : scene ? (
        <SceneReport scene={rawScene} rev={rev} onChanged={() => setRev((n) => n + 1)} />
      ) : (
        <HowToReport />
      )}
      <MyReports rev={rev} onChanged={() => setRev((n) => n + 1)} />
    </View>
  );
}

/**
 * No scene: how to report. weapp scans the code; h5 (no camera scan) takes the 报到链接 the community
 * shared, pasted here. Both point to the profile form first when it is not filled in.
 */
function HowToReport() {
  const [link, setLink] = useState('');
  const [error, setError] = useState('');
  const open = () => {
    const scene = sceneFromLink(link);
    if (!scene) return setError('这不是社区报到链接，请粘贴社区分享的完整链接');
    void Taro.redirectTo({ url: `/pages/report/index?scene=${scene}` });
  };
  return (
    <Card title='如何报到'>
      <Text>请在居住地社区党群服务中心扫描“社区报到码”，或请社区工作人员分享报到链接。</Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='rf-btn' onClick={() => void scan()}>
          扫一扫报到码
        </Button>
      ) : (
        <>
          <Field title='报到链接' placeholder='粘贴社区分享的报到链接' value={link} maxlength={300} error={error || undefined} onInput={(v) => { setLink(v); setError(''); }} />
          <Button className='rf-btn' onClick={open}>
            打开报到链接
          </Button>
        </>
      )}
    </Card>
  );
}

/** weapp: scan a report code in the page itself and reopen with its scene. */
async function scan() {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode', 'barCode'] });
    const path = res.path || res.result || '';
    const m = /scene=([^&]+)/.exec(path);
    if (!m || !parseScene(m[1])) {
      void Taro.showToast({ title: '这不是社区报到码', icon: 'none' });
      return;
    }
    void Taro.redirectTo({ url: `/pages/report/index?scene=${m[1]}` });
  } catch {
    /* cancelled */
  }
}

function SceneReport({ scene, rev, onChanged }: { scene: string; rev: number; onChanged: () => void }) {
  const q = useQuery(() => api.report.resolveScene({ scene }), [scene, rev]);
  useEffect(warmConsent, []);
  const shown = useRef(false);
  useDidShow(() => {
    // back from the profile form: the profile may be complete now
    if (shown.current) void q.reload();
    shown.current = true;
  });
  const requestId = useRequestId(); // a double tap or a retry submits one report
  const submit = useAction((confirmMove: boolean) => api.report.submit({ communityId: q.data!.community.id, confirmMove, requestId: requestId.current }), {
    success: '已提交，等待社区审核',
    onSuccess: () => { requestId.renew(); onChanged(); },
  });
  const d = q.data;
  const onSubmit = async () => {
    if (!d) return;
    // consent for the result message at the tap (the flow's ≤ 3 templates, once per community)
    await askConsent('report', d.community.id);
    if (d.relation === 'move') {
      const ok = await confirm({
        title: '迁移报到社区？',
        content: `您当前在${d.current?.communityName ?? '其他社区'}${d.current?.status === 'approved' ? '已报到' : '有待审核的申请'}。确认后将向${d.community.name}提交报到申请，${d.current?.status === 'approved' ? '新社区审核通过后原报到关闭' : '原申请将关闭'}。`,
        confirmText: '确认迁移',
        danger: false,
      });
      if (!ok) return;
      await submit.run(true);
    } else {
      await submit.run(false);
    }
  };
  return (
    <PageState loading={q.loading} error={q.error} onRetry={q.reload} rows={2}>
      {d && (
        <View>
          <View className='rf-banner'>
            <Text className='rf-banner__title'>{d.community.name}</Text>
            <Text className='rf-banner__sub'>
              {d.community.streetName} · {d.community.address}
            </Text>
          </View>
          {d.relation === 'same' && d.current ? (
            <Card title='我的报到' extra={<StatusTag status={d.current.status} />}>
              <Text>{d.current.status === 'approved' ? `您已在${d.current.communityName}报到。` : '您已提交报到申请，请等待社区审核。'}</Text>
            </Card>
          ) : !d.profileComplete ? (
            <Card title='请先完善个人信息'>
              <Text>报到需要您的姓名、手机号和居住楼栋、房号，社区据此联系您。</Text>
              <Button className='rf-btn' onClick={() => void Taro.navigateTo({ url: '/pages/profile/index' })}>
                去完善个人信息
              </Button>
            </Card>
          ) : (
            <Card title={d.relation === 'move' ? '迁移到本社区' : '申请报到'}>
              <Text>
                {d.relation === 'move'
                  ? `您当前在${d.current?.communityName}${d.current ? reportStatusLabel[d.current.status] : ''}。每位党员同一时间只能在一个居住地社区报到。`
                  : '报到后，社区将审核您的信息；通过后您可以认领社区志愿服务任务。'}
              </Text>
              <Button className='rf-btn' loading={submit.loading} disabled={submit.busy || undefined} onClick={() => void onSubmit()}>
                {d.relation === 'move' ? '申请迁移到本社区' : '确认报到'}
              </Button>
            </Card>
          )}
        </View>
      )}
    </PageState>
  );
}

function MyReports({ rev, onChanged }: { rev: number; onChanged: () => void }) {
  const q = useQuery(() => api.report.mine({}), [rev]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void q.reload();
    shown.current = true;
  });
  const withdraw = useAction((reportId: string) => api.report.withdraw({ reportId }), { success: '已撤回', onSuccess: () => onChanged() });
  const onWithdraw = async (r: ReportView) => {
    if (await confirm({ title: '撤回报到申请？', content: `撤回后${r.communityName}将不再审核此申请，您可以重新报到。`, confirmText: '撤回' })) await withdraw.run(r.id);
  };
  return (
    <View>
      <SectionTitle>报到记录</SectionTitle>
      <PageState loading={q.loading} error={q.error} onRetry={q.reload} empty={!!q.data && q.data.history.length === 0} emptyText='暂无报到记录' rows={1}>
        {q.data?.history.map((r) => (
          <Card key={r.id} title={r.communityName} extra={<StatusTag status={r.status} />}>
            <Text className='rf-sub'>提交于 {fmtDateTime(r.createdAt)}</Text>
            {r.decidedAt && <Text className='rf-hint'>审核于 {fmtDateTime(r.decidedAt)}</Text>}
            {r.status === 'rejected' && r.reason && <Text className='rf-hint'>原因：{r.reason}</Text>}
            {r.status === 'closed' && <Text className='rf-hint'>已迁出 {fmtDateTime(r.closedAt)}</Text>}
            {r.moveFrom && r.status === 'pending' && <Text className='rf-hint'>迁移申请：通过后原社区报到将关闭</Text>}
            {r.status === 'pending' && (
              <View className='rf-btn-row'>
                <Button className='rf-mini rf-mini--danger' size='mini' onClick={() => void onWithdraw(r)}>
                  撤回申请
                </Button>
              </View>
            )}
          </Card>
        ))}
      </PageState>
    </View>
  );
}
