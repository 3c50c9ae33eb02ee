import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import type { GrantView } from '@core/contracts/member';
import type { WorkbenchScope } from '../../components/scope';
import { useWhoami } from '../../api';

/** `scopeId`: the scope acted on (community / unit / street id), null when the caller has none */
export interface AdminScope extends WorkbenchScope {
  /** every scope of the wanted roles the caller holds, to switch between */
  options: GrantView[];
  isSuper: boolean;
}

/**
 * Which community / unit / street an admin page acts on: `?scopeId=` from the URL if the caller
 * holds it, else their first grant of the wanted roles. The server checks scope again on every call.
 */
export function useAdminScope(roles: Array<GrantView['role']>): AdminScope {
  const me = useWhoami();
  const fromUrl = Taro.getCurrentInstance().router?.params?.scopeId;
  const [picked, setPicked] = useState<string | null>(fromUrl ? decodeURIComponent(fromUrl) : null);
  const options = useMemo(() => (me.data?.grants ?? []).filter((g) => roles.includes(g.role)), [me.data, roles]);
  const isSuper = !!me.data?.grants.some((g) => g.role === 'super');
  // territorial admins above the page's level may open it for a scope below them (street → its communities)
  const above = me.data?.grants.find((g) => g.role === 'super' || g.role === 'district' || g.role === 'street');
  const chosen = options.find((g) => g.scopeId === picked) ?? (picked && above ? { role: above.role, scopeId: picked, scopeName: '' } : options[0]);
  return {
    loading: me.loading,
    error: me.error,
    reload: me.reload,
    scopeId: chosen?.scopeId ?? null,
    scopeName: chosen?.scopeName ?? '',
    options,
    setScopeId: setPicked,
    isSuper,
  };
}
