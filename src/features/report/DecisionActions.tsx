import { View, Button } from '@tarojs/components';
import { TextArea } from '../../components';

export interface DecisionActionsProps {
  /** the reject form is open for this item */
  rejecting: boolean;
  reason: string;
  onReason: (value: string) => void;
  onOpenReject: () => void;
  onCancelReject: () => void;
  onApprove: () => void;
  onReject: () => void;
  approveLabel: string;
  rejectLabel: string;
  reasonPlaceholder: string;
  busy?: boolean;
}

/** The reason told to the applicant must say something: at least two characters. */
const REASON_MIN = 2;

/**
 * 通过 / 不通过 for a pending application (member report, unit report): rejecting opens an inline
 * reason box, and the confirm button stays disabled (and inert) until a reason is written.
 */
export function DecisionActions(p: DecisionActionsProps) {
  if (p.rejecting) {
    const ok = p.reason.trim().length >= REASON_MIN;
    return (
      <View style={{ marginTop: '8px' }}>
        <TextArea
          value={p.reason}
          maxlength={100}
          placeholder={p.reasonPlaceholder}
          onInput={p.onReason}
          description={ok ? '' : `原因至少 ${REASON_MIN} 个字，对方会看到${p.reason.trim() ? `（已写 ${p.reason.trim().length} 个字）` : ''}`}
        />
        <View className='rf-btn-row'>
          <Button className='rf-mini rf-mini--danger' size='mini' disabled={!ok || p.busy || undefined} onClick={() => ok && !p.busy && p.onReject()}>
            {p.rejectLabel}
          </Button>
          <Button className='rf-mini rf-mini--ghost' size='mini' onClick={p.onCancelReject}>
            取消
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className='rf-btn-row'>
      <Button className='rf-mini' size='mini' disabled={p.busy || undefined} onClick={() => !p.busy && p.onApprove()}>
        {p.approveLabel}
      </Button>
      <Button className='rf-mini rf-mini--ghost' size='mini' onClick={p.onOpenReject}>
        不通过
      </Button>
    </View>
  );
}
