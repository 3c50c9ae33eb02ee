import { View, Text, Button } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { adminRoleLabel } from '@core/contracts/labels';
import type { AdminView } from '@core/contracts/org';
import { roleRank } from '@core/domain/permissions';
import { api, useAction, useQuery, useWhoami } from '../../api';
import { Card, PageState, SectionTitle, SearchBar, confirm, Field, Tabs } from '../../components';
import { PickerField } from '../../components/sub/PickerField';

import '../../features/report/report.scss';
import { fmtDate } from '@core/format';

type Role = 'community' | 'unit' | 'street';
type Mode = 'member' | 'openid';

/** 管理员任命: appoint community / unit (and, for district/super, street) admins in scope; revoke them. */
const ROLE_TABS: Array<{ value: Role; label: string }> = [
  { value: 'community', label: '社区管理员' },
  { value: 'unit', label: '单位管理员' },
  { value: 'street', label: '街道管理员' },
];

export default function Admins() {
  const me = useWhoami();
  // admins appoint and revoke only roles strictly below their own highest role
  const myRank = Math.min(99, ...(me.data?.grants ?? []).map((g) => roleRank[g.role]));
  const below = (r: AdminView['role']) => roleRank[r] > myRank;
  const admins = useQuery(() => api.org.listAdmins({}), []);
  const tree = useQuery(() => api.org.tree({}), []);
  const units = useQuery(() => api.org.listUnits({}), []);
  const [role, setRole] = useState<Role>('community');
  const [scopeIndex, setScopeIndex] = useState(0);
  const [mode, setMode] = useState<Mode>('member');
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<{ openid: string; name: string } | null>(null);
  const [openid, setOpenid] = useState('');
  const [name, setName] = useState('');
  const found = useQuery(() => (query ? api.org.searchMembers({ q: query }) : Promise.resolve({ items: [] })), [query]);

  const communityIds = useMemo(() => new Set((tree.data?.items ?? []).filter((o) => o.kind === 'community').map((o) => o.id)), [tree.data]);
  const scopes = useMemo(() => {
    if (role === 'unit') return (units.data?.items ?? []).filter((u) => communityIds.has(u.communityId)).map((u) => ({ id: u.id, name: `${u.name}（${u.communityName}）` }));
    return (tree.data?.items ?? []).filter((o) => o.kind === role).map((o) => ({ id: o.id, name: o.name }));
  }, [role, tree.data, units.data, communityIds]);
  const scope = scopes[Math.min(scopeIndex, scopes.length - 1)];

  const appoint = useAction(
    () => api.org.appointAdmin({ role, scopeId: scope!.id, openid: mode === 'member' ? picked!.openid : openid.trim(), name: mode === 'member' ? picked!.name : name.trim() || undefined }),
    {
      success: '已任命',
      onSuccess: () => {
        setPicked(null);
        setOpenid('');
        setName('');
        void admins.reload();
      },
    },
  );
  const revoke = useAction((id: string) => api.org.revokeAdmin({ id }), { success: '已撤销', onSuccess: () => void admins.reload() });
  const onRevoke = async (a: AdminView) => {
    if (await confirm({ title: `撤销 ${a.name || '该用户'} 的管理员？`, content: `${a.scopeName} · ${adminRoleLabel[a.role]}`, confirmText: '撤销' })) await revoke.run(a.id);
  };
  const ready = !!scope && (mode === 'member' ? !!picked : openid.trim().length > 0);

  return (
    <View className='sbd-page'>
      <SectionTitle>任命管理员</SectionTitle>
      <Tabs<Role> tabs={ROLE_TABS.filter((t) => below(t.value))} value={role} onChange={(r) => { setRole(r); setScopeIndex(0); }} />
      <Card>
        <PageState loading={tree.loading || units.loading} error={tree.error ?? units.error} onRetry={tree.reload} rows={1} empty={scopes.length === 0} emptyText='您的辖区内没有可任命的范围'>
          <PickerField mode='selector' title='管辖范围' required arrow range={scopes.map((s) => s.name)} value={scope?.name ?? '请选择'} onChange={setScopeIndex} />
          <Tabs<Mode> tabs={[{ value: 'member', label: '从党员中选择' }, { value: 'openid', label: '按用户 ID' }]} value={mode} onChange={setMode} />
          {mode === 'member' ? (
            <View>
              <SearchBar placeholder='输入姓名查找（辖区内已填写信息的党员）' onSearch={setQuery} />
              {found.data?.items.map((m) => (
                <View key={m.openid} className='rf-field' onClick={() => setPicked({ openid: m.openid, name: m.name })}>
                  <Text className='rf-input'>
                    {picked?.openid === m.openid ? '✔ ' : ''}
                    {m.name} {m.phone}
                  </Text>
                  <Text className='rf-sub'>{m.unitName ?? m.communityName ?? ''}</Text>
                </View>
              ))}
              {query && found.data?.items.length === 0 && <Text className='rf-hint'>没有找到匹配的党员</Text>}
            </View>
          ) : (
            <View>
              <Field title='用户 ID' required value={openid} onInput={setOpenid} placeholder='对方在「我的」页底部点「复制」' maxlength={64} />
              <Text className='rf-hint'>对方须已在小程序中填写个人信息；不确定时请用「从党员中选择」。</Text>
              <Field title='姓名' value={name} onInput={setName} maxlength={20} />
            </View>
          )}
          <Button className='rf-btn' style={{ margin: '16px 0 0' }} disabled={!ready || appoint.loading || undefined} loading={appoint.loading} onClick={() => ready && void appoint.run()}>
            任命为{adminRoleLabel[role]}{scope ? `（${scope.name}）` : ''}
          </Button>
        </PageState>
      </Card>
      <SectionTitle>辖区内管理员</SectionTitle>
      <PageState loading={admins.loading} error={admins.error} onRetry={admins.reload} empty={admins.data?.items.length === 0} emptyText='暂无管理员'>
        {admins.data?.items.map((a) => (
          <Card key={a.id} title={`${a.name || '未命名'} · ${adminRoleLabel[a.role]}`}>
            <View className='rf-line'>
              <Text>{a.scopeName}</Text>
              {a.createdAt && <Text>{fmtDate(a.createdAt)}</Text>}
            </View>
            {a.role !== 'super' && below(a.role) && (
              <View className='rf-btn-row'>
                <Button className='rf-mini rf-mini--danger' size='mini' onClick={() => void onRevoke(a)}>
                  撤销
                </Button>
              </View>
            )}
          </Card>
        ))}
      </PageState>
    </View>
  );
}
