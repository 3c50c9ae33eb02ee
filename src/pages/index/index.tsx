import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Edit, Fabulous, Gift, Heart, Location, Order, Star, User, Notice } from '@nutui/icons-react-taro';
import { api, useQuery, useWhoami } from '../../api';
import { Card, PageState, SectionTitle } from '../../components';
import { PrivacyPopup } from '../../privacy';
import { dev } from '../../dev';
import { ReportStatusCard } from '../../features/report/ReportStatusCard';
import './index.scss';

const ACTIONS = [
  { key: 'report', text: '到社区报到', Icon: Location, go: () => Taro.navigateTo({ url: '/pages/report/index' }) },
  { key: 'tasks', text: '志愿任务', Icon: Order, go: () => Taro.switchTab({ url: '/pages/tasks/index' }) },
  { key: 'points', text: '我的积分', Icon: Star, go: () => Taro.switchTab({ url: '/pages/points/index' }) },
  { key: 'profile', text: '我的档案', Icon: User, go: () => Taro.navigateTo({ url: '/pages/profile/index' }) },
  { key: 'pledge', text: '我的承诺', Icon: Edit, go: () => Taro.navigateTo({ url: '/pledge/mine/index' }) },
  { key: 'pledge-wall', text: '承诺墙', Icon: Fabulous, go: () => Taro.navigateTo({ url: '/pledge/wall/index' }) },
  { key: 'wish', text: '心愿墙', Icon: Heart, go: () => Taro.navigateTo({ url: '/wish/wall/index' }) },
  { key: 'wish-mine', text: '我的认领', Icon: Gift, go: () => Taro.navigateTo({ url: '/wish/wall/index?tab=mine' }) },
];

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '夜深了';
  if (h < 12) return '上午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

/** 首页: greeting, my 报到 status, quick actions and the latest notices. */
export default function Index() {
  const me = useWhoami();
  // h5 before a demo user is chosen: the sign-in sheet covers the page; nothing behind it may fail
  const noIdentity = process.env.TARO_ENV === 'h5' && !!dev && !dev.hasDevIdentity();
  return (
    <View className='sbd-page home'>
      <View className='home__banner'>
        <Text className='home__hello'>
          {greeting()}，{me.data?.profile?.name || '党员同志'}
        </Text>
        <Text className='home__motto'>亮身份、践承诺，到社区报到服务群众</Text>
      </View>

      {!noIdentity && (
        <View className='home__status'>
          <PageState loading={me.loading} rows={1} error={me.error} onRetry={me.reload}>
            {me.data && <ReportStatusCard me={me.data} />}
          </PageState>
        </View>
      )}

      <View className='home__grid'>
        {ACTIONS.map(({ key, text, Icon, go }) => (
          <View key={key} className='home__action' hoverClass='home__action--hover' onClick={() => void go()}>
            <View className='home__action-icon'>
              <Icon size={24} color='#C8102E' />
            </View>
            <Text className='home__action-text'>{text}</Text>
          </View>
        ))}
      </View>

      {!noIdentity && <Notices />}

      <PrivacyPopup />
      {process.env.TARO_ENV === 'h5' && dev && <dev.DevSignInPrompt />}
    </View>
  );
}

// ReportStatusCard lives with the report feature (src/features/report).

function Notices() {
  const q = useQuery(() => api.member.inbox({ page: 1, pageSize: 3 }), []);
  const goInbox = () => void Taro.navigateTo({ url: '/pages/inbox/index' });
  return (
    <View>
      <SectionTitle extra='全部消息' onExtra={goInbox}>
        通知消息
      </SectionTitle>
      <PageState loading={q.loading} rows={1} error={q.error} onRetry={q.reload} empty={!q.data?.items.length} emptyText='暂无新消息' emptyHint='报到审核结果和任务提醒会通知到这里'>
        <Card>
          {q.data?.items.map((n) => (
            <View key={n.id} className='home__notice' onClick={goInbox}>
              <Notice size={14} color={n.read ? '#B8B8B8' : '#C8102E'} />
              <Text className={`home__notice-title${n.read ? '' : ' home__notice-title--unread'}`}>{n.title}</Text>
              <Text className='home__notice-date'>{n.createdAt.slice(5, 10)}</Text>
            </View>
          ))}
        </Card>
      </PageState>
    </View>
  );
}
