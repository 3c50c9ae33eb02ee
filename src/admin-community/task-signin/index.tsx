import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api';
import { Card, PageState } from '../../components';
import { fmtRange } from '@core/format';
import { keepScreenOn } from '../../features/tasks/keepScreenOn';
import '../../features/tasks/tasks.scss';

interface Shown { code: string; dataUrl: string; refreshAt: number }

/**
 * 签到码: the live QR code members scan on site. The server mints a new code every 30 s (it is
 * accepted one step longer), so this screen fetches the next one when the current step ends.
 */
export default function TaskSigninPage() {
  const id = useRouter().params.id ?? '';
  const task = useQueryTask(id);
  const [shown, setShown] = useState<Shown>();
  const [error, setError] = useState<ApiError>();
  // re-render each second for the countdown; the seconds left are computed from the code itself
  const [, setTick] = useState(0);
  const active = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const fetchCode = useCallback(async () => {
    clearTimeout(timer.current);
    try {
      const r = await api.task.signinCode({ taskId: id });
      if (!active.current) return;
      setShown({ code: r.code, dataUrl: r.dataUrl, refreshAt: Date.parse(r.refreshAt) });
      setError(undefined);
      // the server's clock decides the step; ask again right after it ends (at least 1 s later)
      const wait = Math.max(1000, Date.parse(r.refreshAt) - Date.now() + 300);
      timer.current = setTimeout(() => void fetchCode(), Math.min(wait, 30_000));
    } catch (err) {
      if (!active.current) return;
      setError(err instanceof ApiError ? err : new ApiError('CLIENT_ERROR', '获取签到码失败'));
      timer.current = setTimeout(() => void fetchCode(), 5000);
    }
  }, [id]);

  useDidShow(() => {
    active.current = true;
    void fetchCode();
    void keepScreenOn();
  });
  useDidHide(() => {
    active.current = false;
    clearTimeout(timer.current);
  });
  useEffect(() => () => {
    active.current = false;
    clearTimeout(timer.current);
  }, []);
  useEffect(() => {
    const tick = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(tick);
  }, [shown]);

  const left = shown ? Math.max(0, Math.ceil((shown.refreshAt - Date.now()) / 1000)) : 0;
  return (
    <View className='sbd-page'>
      {task && (
        <Card title={task.title}>
          <Text className='task-card__time'>{fmtRange(task.startAt, task.endAt)} · {task.place.name}</Text>
        </Card>
      )}
      <PageState loading={!shown && !error} error={!shown ? error : undefined} onRetry={() => void fetchCode()}>
        {shown && (
          <Card>
            <View className='task-qr'>
              <Image className='task-qr__img' src={shown.dataUrl} mode='aspectFit' />
              <Text className='task-qr__count'>请党员用小程序扫码签到 / 签退 · {left} 秒后刷新</Text>
              <Text className='task-qr__code signin-code' selectable>{shown.code}</Text>
              {error && <Text className='task-error'>{error.message}</Text>}
            </View>
          </Card>
        )}
      </PageState>
      <View className='task-actions'>
        <Button className='task-btn task-btn--ghost' onClick={() => Taro.navigateTo({ url: `/admin-community/task-attendance/index?id=${id}` })}>查看签到情况</Button>
      </View>
    </View>
  );
}

function useQueryTask(id: string) {
  const [task, setTask] = useState<{ title: string; startAt: string; endAt: string; place: { name: string } }>();
  useEffect(() => {
    api.task.getTask({ id }).then((r) => setTask(r.task)).catch(() => undefined);
  }, [id]);
  return task;
}
