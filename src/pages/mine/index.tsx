import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ArrowRight, User, Message, Clock, Store, Setting, ShieldCheck, Location, Order, Edit, Gift, Notice } from '@nutui/icons-react-taro';
import type { GrantView, Whoami } from '@core/contracts/member';
import { adminRoleLabel, unitStatusLabel } from '@core/contracts/labels';
import { useWhoami } from '../../api';
import { PageState, SectionTitle } from '../../components';
import { PrivacyPopup } from '../../privacy';
import { dev } from '../../dev';
import './index.scss';

type IconType = typeof User;
interface Entry {
  key: string;
  text: string;
  Icon: IconType;
  url: string;
  note?: string;
  badge?: number;
}

/** Admin workbenches by role: street/district/super share the street workbench. */
const ADMIN_HOME: Record<GrantView['role'], string> = {
  community: '/admin-community/index/index',
  unit: '/admin-unit/index/index',
  street: '/admin-street/index/index',
  district: '/admin-street/index/index',
  super: '/admin-street/index/index',
};

/** One entry per workbench, named after the scopes it covers. */
export function adminEntries(grants: GrantView[]): Entry[] {
  const byUrl = new Map<string, Entry>();
  for (const g of grants) {
    const url = ADMIN_HOME[g.role];
    const prev = byUrl.get(url);
    if (prev) prev.note = `${prev.note}、${g.scopeName}`;
    else byUrl.set(url, { key: url, text: `${adminRoleLabel[g.role]}工作台`, Icon: g.role === 'unit' ? Setting : g.role === 'community' ? Location : ShieldCheck, url, note: g.scopeName });
  }
  // 数据看板: every admin's dashboards (district → street → community → unit), in their own subpackage
  if (grants.length > 0) byUrl.set('dashboard', { key: 'dashboard', text: '数据看板', Icon: Order, url: '/dashboard/index/index', note: '报到率、活跃度、趋势与对比' });
  return [...byUrl.values()];
}

function memberEntries(me: Whoami | undefined): Entry[] {
  return [
    { key: 'profile', text: '个人信息', Icon: User, url: '/pages/profile/index', note: me?.profile ? undefined : '未完善' },
    { key: 'inbox', text: '我的消息', Icon: Message, url: '/pages/inbox/index', badge: me?.unreadInbox },
    { key: 'notice', text: '消息设置', Icon: Notice, url: '/notice/settings/index', note: '免打扰 22:00–08:00' },
    { key: 'history', text: '服务记录', Icon: Clock, url: '/pages/history/index' },
    { key: 'record', text: '我的档案', Icon: Order, url: '/record/timeline/index' },
    { key: 'pledge', text: '我的承诺', Icon: Edit, url: '/pledge/mine/index' },
    { key: 'wish', text: '我的心愿认领', Icon: Gift, url: '/wish/wall/index?tab=mine' },
    { key: 'letters', text: '我的反馈单', Icon: Order, url: '/record/letters/index?view=mine' },
    { key: 'certificate', text: '服务证明', Icon: ShieldCheck, url: '/record/certificate/index' },
    { key: 'unit', text: '加入单位', Icon: Store, url: '/pages/join-unit/index', note: me?.unit ? `${me.unit.name} · ${unitStatusLabel[me.unit.status]}` : '未加入' },
  ];
}

/** One line under the name: where I reported, else my unit, else what to do next. */
function subtitle(d: Whoami): string {
  if (d.report?.status === 'approved') return `已报到 · ${d.report.communityName}`;
  if (d.report?.status === 'pending') return `报到审核中 · ${d.report.communityName}`;
  if (!d.profile) return '点击完善个人信息';
  if (d.unit) return d.unit.name;
  return '尚未到社区报到';
}

/** 我的: who I am, my menu, and the admin workbenches my roles open. */
export default function Mine() {
  const me = useWhoami();
  const d = me.data;
  const name = d?.profile?.name;
  const admin = d ? adminEntries(d.grants) : [];
  return (
    <View className='sbd-page mine'>
      <View className='mine__header' onClick={() => void Taro.navigateTo({ url: '/pages/profile/index' })}>
        <View className='mine__avatar'>
          <Text>{name ? name.slice(-2) : '党员'}</Text>
        </View>
        <View className='mine__who'>
          <Text className='mine__name'>{me.loading ? '加载中…' : name || '未完善个人信息'}</Text>
          <Text className='mine__sub'>{d ? subtitle(d) : ' '}</Text>
        </View>
        <ArrowRight size={14} color='rgba(255,255,255,0.8)' />
      </View>

      <PageState loading={me.loading} rows={2} error={me.error} onRetry={me.reload}>
        <Menu entries={memberEntries(d)} />
        {admin.length > 0 && (
          <View>
            <SectionTitle>管理工作台</SectionTitle>
            <Menu entries={admin} />
          </View>
        )}
      </PageState>

      {process.env.TARO_ENV === 'h5' && dev && (
        <View className='mine__dev'>
          <dev.IdentitySwitcher />
        </View>
      )}
      {d?.id && (
        // the id an admin asks for when appointing by 用户 ID: the member's own, shown only to them
        <View className='mine__id' onClick={() => void Taro.setClipboardData({ data: d.id! })}>
          <Text className='mine__id-text'>用户 ID：{d.id}</Text>
          <Text className='mine__id-copy'>复制</Text>
        </View>
      )}
      <Text className='mine__foot'>双报到 · 在职党员到社区报到服务平台</Text>
      <PrivacyPopup />
    </View>
  );
}

function Menu({ entries }: { entries: Entry[] }) {
  return (
    <View className='mine__menu'>
      {entries.map(({ key, text, Icon, url, note, badge }) => (
        <View key={key} className='mine__item' hoverClass='mine__item--hover' onClick={() => void Taro.navigateTo({ url })}>
          <Icon size={18} color='#C8102E' />
          <Text className='mine__item-text'>{text}</Text>
          {!!badge && <Text className='mine__badge'>{badge > 99 ? '99+' : badge}</Text>}
          {note && <Text className='mine__item-note'>{note}</Text>}
          <ArrowRight size={12} color='#B8B8B8' />
        </View>
      ))}
    </View>
  );
}
