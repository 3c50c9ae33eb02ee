import Taro from '@tarojs/taro';
import { useWhoami } from '../../api';

/**
 * Which community an admin page works on: `?communityId=` when given, else the caller's first
 * community grant. Street/district admins arrive with the query from their own pages.
 */
export function useAdminCommunity(): { communityId: string | null; communityName: string; loading: boolean; error?: { message: string } } {
  // the community dashboard passes `scopeId`, task pages pass `communityId`
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const fromQuery = params.communityId || params.scopeId;
  const me = useWhoami();
  if (fromQuery) {
    const g = me.data?.grants.find((x) => x.scopeId === fromQuery);
    return { communityId: decodeURIComponent(fromQuery), communityName: g?.scopeName ?? '', loading: false };
  }
  const grant = me.data?.grants.find((g) => g.role === 'community');
  if (me.loading) return { communityId: null, communityName: '', loading: true };
  if (me.error) return { communityId: null, communityName: '', loading: false, error: me.error };
  if (!grant) return { communityId: null, communityName: '', loading: false, error: { message: '您不是社区管理员，无法管理任务' } };
  return { communityId: grant.scopeId, communityName: grant.scopeName, loading: false };
}
