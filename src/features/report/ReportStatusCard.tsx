import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Whoami } from '@core/contracts/member';
import { Card, StatusTag } from '../../components';
import './report.scss';

const go = () => void Taro.navigateTo({ url: '/pages/report/index' });
const goProfile = () => void Taro.navigateTo({ url: '/pages/profile/index' });

/** 首页 card: my current member → community report, or the next step towards one. */
export function ReportStatusCard({ me }: { me: Whoami }) {
  const r = me.report;
  if (!r) {
    // a newcomer without a profile is sent to the profile form first: reporting needs it
    return me.profile ? (
      <Card title='我的报到' extra={<StatusTag status='unreported' />} onClick={go}>
        <Text>您还没有到居住地社区报到，扫描社区报到码或点击这里开始报到。</Text>
      </Card>
    ) : (
      <Card title='我的报到' extra={<StatusTag status='unreported' />} onClick={goProfile}>
        <Text>报到前请先完善个人信息（姓名、手机号、住址），点击这里填写。</Text>
      </Card>
    );
  }
  return (
    <Card title='我的报到' extra={<StatusTag status={r.status} />} onClick={go}>
      <Text className='rf-name'>{r.communityName}</Text>
      {r.status === 'pending' && <Text className='rf-hint'>已提交，等待社区审核</Text>}
      {r.status === 'rejected' && <Text className='rf-hint'>未通过：{r.reason || '请联系社区工作人员'}，可重新报到</Text>}
      {r.status === 'approved' && <Text className='rf-hint'>可在“志愿任务”中报名参加本社区的服务</Text>}
      {r.status === 'withdrawn' && <Text className='rf-hint'>已撤回，可重新报到</Text>}
    </Card>
  );
}
