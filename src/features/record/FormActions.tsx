import { Button, View } from '@tarojs/components';

/** The submit / 取消 pair under an inline letter form (dispute, answer, comment, opinion). */
export function FormActions(p: { label: string; loading: boolean; onSubmit: () => void; onCancel: () => void }) {
  return (
    <View className='rf-btn-row'>
      <Button className='rf-mini' size='mini' loading={p.loading} onClick={p.onSubmit}>
        {p.label}
      </Button>
      <Button className='rf-mini rf-mini--ghost' size='mini' onClick={p.onCancel}>
        取消
      </Button>
    </View>
  );
}
