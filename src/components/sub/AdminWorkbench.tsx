import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Chips } from '../Chips';
import { PageState } from '../PageState';
import type { WorkbenchScope } from '../scope';
import './AdminWorkbench.scss';

export interface AdminWorkbenchProps {
  scope: WorkbenchScope;
  /** under the scope's name, e.g. 社区党组织管理工作台 */
  description: string;
  /** shown instead when the caller administers no such scope */
  emptyText: string;
  emptyHint: string;
  children?: ReactNode;
}

/**
 * An admin 工作台 page: the scope switch, a red head naming the community / unit, then the page's
 * cards; while the scope loads a skeleton, and for a caller without the role who to ask.
 * Imported by path, not from the kit's index: only subpackage pages use it, so the main package stays as it is.
 */
export function AdminWorkbench({ scope, description, emptyText, emptyHint, children }: AdminWorkbenchProps) {
  const switchTo = (v: string | null) => v && scope.setScopeId(v);
  const chips = scope.options.map((g) => ({ value: g.scopeId, label: g.scopeName }));
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading} error={scope.error} onRetry={scope.reload} empty={!scope.scopeId} emptyText={emptyText} emptyHint={emptyHint}>
        {scope.options.length > 1 && <Chips options={chips} value={scope.scopeId} onChange={switchTo} />}
        <View className='sbd-workbench'>
          <Text className='sbd-workbench__title'>{scope.scopeName}</Text>
          <Text className='sbd-workbench__desc'>{description}</Text>
        </View>
        {children}
      </PageState>
    </View>
  );
}
