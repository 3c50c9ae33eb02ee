import { View, Text, Button, Checkbox } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { MemberCategory } from '@core/contracts/labels';
import { memberCategoryLabel, unitStatusLabel } from '@core/contracts/labels';
import { missingProfileFields, phoneProblem } from '@core/domain/report';
import { api, fieldErrors, useAction, useWhoami } from '../../api';
import { Card, PageState, SectionTitle, Chips, Field } from '../../components';
import { PrivacyPopup } from '../../privacy';

import '../../features/report/report.scss';

const FIELD_OF: Record<string, 'name' | 'phone' | 'building' | 'room'> = { 姓名: 'name', 手机号: 'phone', 楼栋: 'building', 房号: 'room' };
const EMPTY = { name: '', phone: '', branch: '', building: '', room: '', category: 'in_service' as MemberCategory };

/** 个人信息: name, phone, branch, address (building / room), category; the unit is joined by invite code. */
export default function ProfilePage() {
  const me = useWhoami();
  const [form, setForm] = useState(EMPTY);
  const [agree, setAgree] = useState(false);
  const [error, setError] = useState('');
  // one message per field, shown under that field (required fields and the phone format are checked
  // here; anything else the function refuses comes back by field name)
  const [errs, setErrs] = useState<Partial<Record<keyof typeof EMPTY, string>>>({});
  useEffect(() => {
    const p = me.data?.profile;
    if (p) setForm({ name: p.name, phone: p.phone, branch: p.branch, building: p.building, room: p.room, category: p.category });
  }, [me.data]);
  const set = (k: keyof typeof EMPTY) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrs((e) => ({ ...e, [k]: '' })); // '' also hides the function's message for this field
  };
  const needConsent = !!me.data && !me.data.privacyAccepted;

  const save = useAction(
    async () => {
      if (needConsent) await api.member.consentPrivacy({ version: '1' });
      return api.member.saveProfile(form);
    },
    {
      success: '已保存',
      onSuccess: () => {
        void me.reload();
        // came here from the report page: go back to finish reporting
        if (Taro.getCurrentPages().length > 1) setTimeout(() => void Taro.navigateBack(), 600);
      },
    },
  );
  const shown: Partial<Record<keyof typeof EMPTY, string>> = { ...fieldErrors(save.error), ...errs };
  const onSave = () => {
    // required fields here; formats (e.g. the phone number) come back from the function by name
    const next: Partial<Record<keyof typeof EMPTY, string>> = {};
    for (const label of missingProfileFields(form)) next[FIELD_OF[label]] = `请填写${label}`;
    if (!next.phone) next.phone = phoneProblem(form.phone) ?? undefined;
    setErrs(next);
    if (Object.values(next).some(Boolean)) {
      setError('');
      return;
    }
    if (needConsent && !agree) {
      setError('请先阅读并同意《隐私保护指引》');
      return;
    }
    setError('');
    void save.run();
  };

  return (
    <View className='sbd-page profile'>
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} rows={2}>
        <SectionTitle>基本信息</SectionTitle>
        <Card>
          <Field title='姓名' required value={form.name} onInput={set('name')} maxlength={20} name='name' error={shown.name} />
          <Field title='手机号' required type='number' value={form.phone} onInput={set('phone')} maxlength={11} name='phone' error={shown.phone} />
          <Field title='所在党支部' value={form.branch} onInput={set('branch')} placeholder='如：机关第一党支部（选填）' name='branch' error={shown.branch} />
        </Card>
        <SectionTitle>居住地址</SectionTitle>
        <Card>
          <Field title='楼栋' required value={form.building} onInput={set('building')} placeholder='如：3 栋' maxlength={30} name='building' error={shown.building} />
          <Field title='房号' required value={form.room} onInput={set('room')} placeholder='如：2单元501' maxlength={20} name='room' error={shown.room} />
        </Card>
        <SectionTitle>党员类别</SectionTitle>
        <Chips<MemberCategory>
          options={(Object.keys(memberCategoryLabel) as MemberCategory[]).map((c) => ({ value: c, label: memberCategoryLabel[c] }))}
          value={form.category}
          onChange={(v) => v && setForm((f) => ({ ...f, category: v }))}
        />
        <SectionTitle>工作单位</SectionTitle>
        <Card onClick={() => void Taro.navigateTo({ url: '/pages/join-unit/index' })}>
          <Field title='单位' arrow extra={me.data?.unit ? '更换' : '加入'} description={me.data?.unit ? undefined : '凭单位党组织提供的邀请码加入'}>
            {me.data?.unit ? `${me.data.unit.name} · ${unitStatusLabel[me.data.unit.status]}` : '未加入'}
          </Field>
        </Card>
        {needConsent && (
          <View className='rf-field' style={{ padding: '0 16px' }} onClick={() => setAgree((a) => !a)}>
            <Checkbox value='agree' checked={agree} color='#C8102E' />
            <Text className='rf-sub'>我已阅读并同意《双报到隐私保护指引》，信息仅用于社区报到与服务</Text>
          </View>
        )}
        {(error || (save.error?.code === 'VALIDATION_FAILED' && Object.keys(fieldErrors(save.error)).length === 0)) && <Text className='rf-error'>{error || save.error?.message}</Text>}
        <Button className='rf-btn' loading={save.loading} disabled={save.loading || undefined} onClick={onSave}>
          保存
        </Button>
        <Text className='rf-hint' style={{ textAlign: 'center' }}>手机号仅您本人及所在社区、单位管理员可见</Text>
      </PageState>
      <PrivacyPopup gate onAgree={() => void me.reload()} />
    </View>
  );
}
