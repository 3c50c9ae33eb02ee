import { useEffect, useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Whoami } from '@core/contracts/member';
import { api } from './client';
import { useQuery, type QueryState } from './hooks';
import { showUnreadBadge } from './badge';

/**
 * The caller's identity, profile, roles and current report for a tab page: loads on open, again
 * each time the page is shown (e.g. back from the profile form), and on pull-down refresh.
 */
export function useWhoami(): QueryState<Whoami> {
  const q = useQuery(() => api.member.whoami(), []);
  // every tab page loads whoami: its unread count is the 我的 tab's badge
  useEffect(() => {
    if (q.data) showUnreadBadge(q.data.unreadInbox);
  }, [q.data]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void q.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void q.reload().then(() => Taro.stopPullDownRefresh());
  });
  return q;
}
