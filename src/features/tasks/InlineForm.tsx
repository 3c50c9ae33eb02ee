import { useState, type ReactNode } from 'react';
import { useAction, useRequestId } from '../../api';
import { Card } from '../../components';
import { ActionRow } from '../../components/ActionRow';

/**
 * The inline add/edit form of the community's lists (需求清单, 项目清单): the draft being edited and
 * its save. A new item carries the form's requestId, so a double tap or a retry creates one.
 */
export function useInlineForm<D extends { id?: string }>(
  save: (d: D & { requestId?: string }) => Promise<unknown>,
  onSaved: () => void,
  initial: D | null = null,
) {
  const [draft, setDraft] = useState<D | null>(initial);
  const requestId = useRequestId();
  const saving = useAction(() => save({ ...draft!, ...(draft!.id ? {} : { requestId: requestId.current }) }), {
    success: '已保存',
    onSuccess: () => { requestId.renew(); setDraft(null); onSaved(); },
  });
  return { draft, setDraft, saving };
}

/** The form's card: its fields, then 保存 / 取消. */
interface Saving { run: () => unknown; loading: boolean; busy: boolean }
export function InlineFormCard(p: { title: string; saving: Saving; onCancel: () => void; children: ReactNode }) {
  return (
    <Card title={p.title}>
      {p.children}
      <ActionRow
        actions={[
          { text: '保存', loading: p.saving.loading, disabled: p.saving.busy, onClick: () => void p.saving.run() },
          { text: '取消', onClick: p.onCancel },
        ]}
      />
    </Card>
  );
}
