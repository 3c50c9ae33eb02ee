import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { toastError } from './feedback';
import './PhoneReveal.scss';

/**
 * A masked phone from a list, with 查看 for an admin who governs the member: `reveal` asks the
 * function for this one member's full number (it logs the reveal); then 拨打 calls it.
 * The caller supplies `reveal` so this component does not reach the cloud itself.
 */
export function PhoneReveal({ masked, reveal: fetchFull }: { masked: string; reveal: () => Promise<string> }) {
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!masked) return null;
  const reveal = async (e: { stopPropagation?: () => void }) => {
    e.stopPropagation?.();
    if (busy) return;
    setBusy(true);
    try {
      setFull(await fetchFull());
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };
  const call = (e: { stopPropagation?: () => void }) => {
    e.stopPropagation?.();
    if (full) void Taro.makePhoneCall({ phoneNumber: full }).catch(() => undefined);
  };
  return (
    <View className='phone-reveal'>
      <Text className='phone-reveal__num'>{full ?? masked}</Text>
      {full ? (
        <Text className='phone-reveal__act' onClick={call}>拨打</Text>
      ) : (
        <Text className='phone-reveal__act' onClick={(e) => void reveal(e)}>{busy ? '…' : '查看'}</Text>
      )}
    </View>
  );
}
