import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api, useAction, useQuery } from '../../api';
import { Card, PageState, StatusTag } from '../../components';
import '../../features/report/report.scss';
import '../../features/record/record.scss';
import '../../features/record/record-more.scss';

/**
 * 居民确认 (public, no registration): a resident scans the code a member shows after serving, sees
 * the task, the day and the member's surname, and confirms with one tap.
 */
export default function ResidentConfirm() {
  const raw = Taro.getCurrentInstance().router?.params?.rc;
  const code = raw ? decodeURIComponent(raw) : '';
  const check = useQuery(() => (code ? api.record.residentCheck({ code }) : Promise.resolve(null)), [code]);
  const [done, setDone] = useState<boolean | null>(null);
  const tap = useAction(() => api.record.residentConfirm({ code }), { onSuccess: (r) => setDone(r.already) });
  const c = check.data;
  const confirmed = done !== null || !!c?.confirmed;
  return (
    <View className='sbd-page'>
      <PageState loading={check.loading} error={check.error} onRetry={check.reload} empty={!code || !c} emptyText='二维码无效' emptyHint='请让党员重新出示确认码'>
        {c && (
          <Card title='请确认这次服务' extra={<StatusTag tone={confirmed ? 'success' : 'warning'} text={confirmed ? '已确认' : '待确认'} />}>
            <Text className='rec-title'>{c.title}</Text>
            <Text className='rec-detail'>{[c.day, c.communityName, `服务党员：${c.name}`].filter(Boolean).join(' · ')}</Text>
            {c.own ? (
              <Text className='rf-error' style={{ margin: '12px 0 0' }}>这是您本人的服务，请请服务对象扫码确认</Text>
            ) : confirmed ? (
              <Text className='ev-thanks'>{done === true || (done === null && c.confirmed) ? '这次服务已经确认过了，谢谢！' : '确认成功，感谢您的反馈！'}</Text>
            ) : (
              <View>
                <Text className='rf-hint'>如果这位党员为您提供了上述服务，请点“确认”。无需注册，不收集您的个人信息。</Text>
                <Button className='rf-btn' loading={tap.loading} disabled={tap.loading || undefined} onClick={() => void tap.run()}>
                  确认
                </Button>
              </View>
            )}
          </Card>
        )}
      </PageState>
    </View>
  );
}
