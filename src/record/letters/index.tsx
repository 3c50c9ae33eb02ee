import Taro from '@tarojs/taro';
import type { GrantView } from '@core/contracts/member';
import { api, useQuery } from '../../api';
import { PageState } from '../../components';
import { CommunityLetters } from './CommunityLetters';
import { MyLetters } from './MyLetters';
import { UnitLetters } from './UnitLetters';
import '../../features/report/report.scss';
import '../../features/record/record.scss';
import '../../features/record/record-more.scss';

/** roles that draft and send letters (those above a community open it for one of theirs) */
const SENDERS: Array<GrantView['role']> = ['community', 'street', 'district', 'super'];

/** Opened without `view` (a shared or typed link): the view of the caller's own role, a member's by default. */
function ByRole() {
  const me = useQuery(() => api.member.whoami(), []);
  if (!me.data) return <PageState loading={me.loading} error={me.error} onRetry={me.reload} />;
  const roles = new Set(me.data.grants.map((g) => g.role));
  if (SENDERS.some((r) => roles.has(r))) return <CommunityLetters />;
  if (roles.has('unit')) return <UnitLetters />;
  return <MyLetters />;
}

/** 反馈单: the community drafts and sends, the unit receives and acknowledges (`view=unit`), the member checks and disputes (`view=mine`). */
export default function Letters() {
  const view = Taro.getCurrentInstance().router?.params?.view;
  if (view === 'mine') return <MyLetters />;
  if (view === 'unit') return <UnitLetters />;
  if (view === 'community') return <CommunityLetters />;
  return <ByRole />;
}
