import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api, newRequestId, useAction } from '../../api';
import { Card, TextArea } from '../../components';
import { useAdminScope } from '../../features/report';

/** 单位: ask the member's community for a one-off written opinion (出具意见), e.g. for promotion or 转正. */
export function RequestOpinion({ openid, name }: { openid: string; name: string }) {
  const scope = useAdminScope(['unit']);
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const ask = useAction(() => api.record.requestOpinion({ unitId: scope.scopeId!, openid, purpose, requestId }), {
    success: '已申请，社区将在 7 天内出具',
    onSuccess: () => {
      setOpen(false);
      setPurpose('');
      setRequestId(newRequestId());
    },
  });
  if (!scope.scopeId || scope.options.length === 0) return null;
  return (
    <Card title='申请社区出具意见' extra={!open ? <Text onClick={() => setOpen(true)}>申请 ›</Text> : undefined}>
      <Text className='rf-hint'>如拟提拔、转正等需要社区对{name}报到服务情况的书面意见，社区在 7 天内出具，结果在“党员反馈单”中查看。</Text>
      {open && (
        <View>
          <TextArea title='用途' required value={purpose} maxlength={100} placeholder='如：拟提拔考察、预备党员转正' error={error} description='社区出具意见时会看到' onInput={(v) => (setPurpose(v), setError(''))} />
          <View className='rf-btn-row'>
            <Button className='rf-mini' size='mini' loading={ask.loading} onClick={() => (purpose.trim().length < 2 ? setError('请填写用途（至少 2 个字）') : (setError(''), void ask.run()))}>
              提交申请
            </Button>
            <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void Taro.navigateTo({ url: `/record/letters/index?view=unit&scopeId=${encodeURIComponent(scope.scopeId!)}` })}>
              查看已申请
            </Button>
          </View>
        </View>
      )}
    </Card>
  );
}
