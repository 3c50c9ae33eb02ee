import { View, Text, Button } from '@tarojs/components';
import { useState } from 'react';
import { unitStatusLabel } from '@core/contracts/labels';
import { api, useAction, useWhoami } from '../../api';
import { Card, Field, PageState, StatusTag, confirm } from '../../components';
import '../../features/report/report.scss';

/** 加入单位: enter the invite code the unit's party organisation gave; the unit admin confirms. */
export default function JoinUnitPage() {
  const me = useWhoami();
  const [code, setCode] = useState('');
  const join = useAction(() => api.member.joinUnit({ inviteCode: code }), { success: '已申请，等待单位确认', onSuccess: () => { setCode(''); void me.reload(); } });
  const leave = useAction(() => api.member.leaveUnit({}), { success: '已退出单位', onSuccess: () => void me.reload() });
  const unit = me.data?.unit;
  const onLeave = async () => {
    if (unit && (await confirm({ title: '退出单位？', content: `退出后${unit.name}将不再看到您的报到和服务情况。` }))) await leave.run();
  };
  return (
    <View className='sbd-page join-unit'>
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} rows={1}>
        {unit && (
          <Card title='我的单位' extra={<StatusTag status={unit.status} text={unitStatusLabel[unit.status]} />}>
            <Text className='rf-name'>{unit.name}</Text>
            {unit.status === 'pending' && <Text className='rf-hint'>已申请加入，等待单位管理员确认</Text>}
            {unit.status === 'rejected' && <Text className='rf-hint'>单位未确认您的申请，请核对后重新输入邀请码</Text>}
            <View className='rf-btn-row'>
              <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void onLeave()}>
                退出单位
              </Button>
            </View>
          </Card>
        )}
        <Card title={unit ? '加入其他单位' : '加入单位'}>
          <Text className='rf-sub'>请输入单位党组织提供的 6 位邀请码</Text>
          <Field title='邀请码' value={code} maxlength={6} placeholder='6 位邀请码' onInput={(v) => setCode(v.toUpperCase())} />
          {!me.data?.profile && <Text className='rf-hint'>加入单位前请先完善个人信息</Text>}
          <Button className='rf-btn' style={{ margin: '16px 0 0' }} disabled={code.length !== 6 || join.loading || undefined} loading={join.loading} onClick={() => void join.run()}>
            申请加入
          </Button>
        </Card>
      </PageState>
    </View>
  );
}
