import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Check } from '@nutui/icons-react-taro';
import { getDevOpenid, onDevOpenidChange, setDevOpenid } from './identity';
import { demoUsers } from './users';
import './IdentitySwitcher.scss';

/**
 * 本地演示身份 (h5 only): pick which demo user the local gateway should treat you as. Choosing one
 * reloads the app from the home tab so every page reads the new identity.
 */
export function IdentitySwitcher({ onPicked, bare }: { onPicked?: (openid: string) => void; bare?: boolean }) {
  const [current, setCurrent] = useState(getDevOpenid());
  useEffect(() => onDevOpenidChange(setCurrent), []);

  const pick = (openid: string) => {
    if (openid === current) return;
    setDevOpenid(openid);
    onPicked?.(openid);
    void Taro.reLaunch({ url: '/pages/index/index' });
  };

  return (
    <View className={`sbd-ids${bare ? ' sbd-ids--bare' : ''}`}>
      {!bare && (
        <View className='sbd-ids__head'>
          <Text className='sbd-ids__title'>本地演示身份</Text>
          <Text className='sbd-ids__note'>仅本地调试可见</Text>
        </View>
      )}
      {demoUsers.map((u) => (
        <View key={u.openid} className={`sbd-ids__item${u.openid === current ? ' sbd-ids__item--on' : ''}`} hoverClass='sbd-ids__item--hover' onClick={() => pick(u.openid)}>
          <View className='sbd-ids__text'>
            <Text className='sbd-ids__label'>{u.label}</Text>
            <Text className='sbd-ids__hint'>{u.hint}</Text>
          </View>
          {u.openid === current && <Check size={18} color='#C8102E' />}
        </View>
      ))}
    </View>
  );
}

/** No demo user chosen yet: pages behind the first-run sheet show nothing that would fail without one. */
export const hasDevIdentity = () => !!getDevOpenid();

/** First run on h5: a bottom sheet asking who you are, until one demo user is chosen. */
export function DevSignInPrompt() {
  const [open, setOpen] = useState(!getDevOpenid());
  useEffect(() => onDevOpenidChange((id) => setOpen(!id)), []);
  if (!open) return null;
  return (
    <View className='sbd-ids-sheet' catchMove>
      <View className='sbd-ids-sheet__mask' />
      <View className='sbd-ids-sheet__panel'>
        <Text className='sbd-ids-sheet__title'>选择演示身份</Text>
        <Text className='sbd-ids-sheet__sub'>本地环境没有微信登录，请选择一个演示用户进入。之后可在“我的”页随时切换。</Text>
        <IdentitySwitcher bare />
      </View>
    </View>
  );
}
