import { useEffect, useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../api';
import { answer, h5Agreed, isRequested, onPrivacyRequest } from './state';
import './PrivacyPopup.scss';

export interface PrivacyPopupProps {
  /**
   * h5: show the consent sheet now if not yet agreed (put it on pages where personal data is entered).
   * weapp: ignored — the popup opens when WeChat asks (onNeedPrivacyAuthorization).
   */
  gate?: boolean;
  /** after the user agreed (consent is also recorded on the server via member.consentPrivacy) */
  onAgree?: () => void;
}

/**
 * The privacy agreement WeChat requires before personal data is collected. Render it once on any
 * page that asks for personal data (profile, report) and on the main tabs.
 */
export function PrivacyPopup({ gate, onAgree }: PrivacyPopupProps) {
  const [open, setOpen] = useState(() => (process.env.TARO_ENV === 'h5' ? !!gate && !h5Agreed() : isRequested()));
  useEffect(() => onPrivacyRequest(setOpen), []);
  if (!open) return null;

  const agree = () => {
    answer(true);
    // server-side record; saveProfile refuses without it. A failure here is retried by the next gate.
    api.member.consentPrivacy({ version: '1' }).then(() => onAgree?.(), () => onAgree?.());
  };
  const disagree = () => {
    answer(false);
    if (process.env.TARO_ENV === 'h5') Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/index/index' }));
  };
  const openContract = () => {
    if (process.env.TARO_ENV === 'weapp') Taro.openPrivacyContract({});
    else void Taro.showModal({ title: '双报到隐私保护指引', content: POLICY_SUMMARY, showCancel: false, confirmText: '我知道了' });
  };

  return (
    <View className='sbd-privacy' catchMove>
      <View className='sbd-privacy__mask' />
      <View className='sbd-privacy__sheet'>
        <Text className='sbd-privacy__title'>个人信息保护提示</Text>
        <View className='sbd-privacy__body'>
          <Text>为完成党员报到、志愿服务签到和积分记录，我们需要收集您的姓名、手机号、所在单位和居住楼栋。请您阅读</Text>
          <Text className='sbd-privacy__link' onClick={openContract}>
            《双报到隐私保护指引》
          </Text>
          <Text>，同意后方可继续使用。</Text>
        </View>
        <View className='sbd-privacy__actions'>
          <Button className='sbd-privacy__btn sbd-privacy__btn--ghost' onClick={disagree}>
            不同意
          </Button>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button id='sbd-privacy-agree' className='sbd-privacy__btn sbd-privacy__btn--primary' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={agree}>
              同意并继续
            </Button>
          ) : (
            <Button className='sbd-privacy__btn sbd-privacy__btn--primary' onClick={agree}>
              同意并继续
            </Button>
          )}
        </View>
      </View>
    </View>
  );
}

const POLICY_SUMMARY =
  '我们仅为党员报到审核、志愿服务组织和积分统计收集您的姓名、手机号、所在单位和居住楼栋；数据存放在本社区使用的云开发环境中，只有您所在社区和单位的管理员可以查看；各类名单中手机号一律脱敏显示（如 138****1234），管理员需要联系您时只能逐人查看完整号码，每次查看都会留痕记录。您可以随时在“个人信息”中修改。';
