import { useState } from 'react';

/**
 * The inline 不通过 form of a list of applications (DecisionActions): which item has it open and
 * the reason being written. `<DecisionActions {...form.propsFor(r.id)} onApprove=… onReject=… />`,
 * and `form.close()` after the decision went through.
 */
export function useRejectForm() {
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return {
    reason,
    close: () => {
      setRejecting(null);
      setReason('');
    },
    propsFor: (id: string) => ({
      rejecting: rejecting === id,
      reason,
      onReason: setReason,
      onOpenReject: () => setRejecting(id),
      onCancelReject: () => setRejecting(null),
    }),
  };
}
