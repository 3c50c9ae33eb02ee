import { Button, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { redeemKindLabel, type RedeemKindDto } from '@core/contracts/redeem';
import { chinaToday, fromChina } from '@core/format';
import { api, useAction, useQuery, useRequestId } from '../../api';
import { Card, Chips, Field, PageState } from '../../components';
import { PickerField } from '../../components/sub/PickerField';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import '../../features/redeem/redeem.scss';

interface Form { kind: RedeemKindDto; title: string; description: string; price: string; stock: string; limit: string; from: string; to: string; on: boolean }
type Errors = Partial<Record<keyof Form, string>>;

function check(f: Form): Errors {
  const e: Errors = {};
  if (f.title.trim().length < 2) e.title = '请填写名称（至少 2 个字）';
  if (!/^\d+$/.test(f.price) || Number(f.price) < 1) e.price = '请填写所需积分（正整数）';
  if (!/^\d+$/.test(f.stock)) e.stock = '请填写库存（0 或正整数）';
  if (!/^\d+$/.test(f.limit)) e.limit = '请填写每人限兑（0 为不限）';
  if (f.to < f.from) e.to = '兑换截止须不早于开始日期';
  return e;
}

/** Create or edit a catalogue item: kind, price, stock, per-member limit, window, 上架. */
export default function ItemEdit() {
  const id = Taro.getCurrentInstance().router?.params.id;
  const community = useAdminCommunity();
  const cid = community.communityId;
  const rid = useRequestId();
  const q = useQuery(async () => (id && cid ? (await api.redeem.adminItems({ communityId: cid, pageSize: 50 })).items.find((i) => i.id === id) ?? null : null), [id, cid]);
  const [f, setF] = useState<Form>({ kind: 'goods', title: '', description: '', price: '', stock: '', limit: '1', from: chinaToday(), to: chinaToday(90), on: true });
  const [errors, setErrors] = useState<Errors>({});
  useEffect(() => {
    const i = q.data;
    if (i) setF({ kind: i.kind, title: i.title, description: i.description, price: String(i.price), stock: String(i.stock), limit: String(i.perMemberLimit), from: i.validFrom.slice(0, 10), to: chinaToday(0, Date.parse(i.validTo) - 1), on: i.status === 'on' });
  }, [q.data]);
  const set = (k: keyof Form) => (v: string) => setF({ ...f, [k]: v });
  const save = useAction(async () => {
    const e = check(f);
    setErrors(e);
    if (Object.keys(e).length) return null;
    return api.redeem.saveItem({
      communityId: cid!, ...(id ? { id } : { requestId: rid.current }), kind: f.kind, title: f.title.trim(), description: f.description.trim(),
      price: Number(f.price), stock: Number(f.stock), perMemberLimit: Number(f.limit), validFrom: fromChina(f.from, '00:00'),
      // the window closes at the end of the chosen day (China time)
      validTo: new Date(Date.parse(fromChina(f.to, '00:00')) + 86_400_000).toISOString(), status: f.on ? 'on' : 'off',
    });
  }, { once: true, success: '已保存', onSuccess: (r) => { if (r) void Taro.navigateBack(); } });

  return (
    <View className='sbd-page'>
      <PageState loading={community.loading || q.loading} error={community.error ?? q.error}>
        <Card title={id ? '修改兑换品' : '上架兑换品'}>
          <Field title='类别' required>
            <Chips options={(['goods', 'honour'] as const).map((k) => ({ value: k, label: redeemKindLabel[k] }))} value={f.kind} onChange={(v) => v && setF({ ...f, kind: v })} />
          </Field>
          <Field title='名称' required value={f.title} onInput={set('title')} maxlength={30} placeholder='如：爱心超市洗衣液 2L' error={errors.title} />
          <Field title='说明' value={f.description} onInput={set('description')} maxlength={200} placeholder='捐赠单位、规格、领取地点' />
          <Field title='所需积分' required type='number' value={f.price} onInput={set('price')} maxlength={6} placeholder='可兑换分' extra={<Text>分</Text>} error={errors.price} />
          <Field title='库存' required type='number' value={f.stock} onInput={set('stock')} maxlength={6} placeholder='件数' extra={<Text>件</Text>} error={errors.stock} />
          <Field title='每人限兑' type='number' value={f.limit} onInput={set('limit')} maxlength={3} description='0 为不限；已取消的兑换不计' extra={<Text>件</Text>} error={errors.limit} />
          <PickerField mode='date' title='开始兑换' arrow value={f.from} onChange={(from) => setF({ ...f, from })} />
          <PickerField mode='date' title='兑换截止' arrow value={f.to} start={f.from} onChange={(to) => setF({ ...f, to })} description='截止日当天结束后不能再兑换' error={errors.to} />
          <Field title='上架'>
            <Switch checked={f.on} color='#C8102E' onChange={(e) => setF({ ...f, on: e.detail.value })} />
          </Field>
          <View className='rd-actions'>
            <Button className='rd-btn' disabled={save.busy || !cid} onClick={() => void save.run()}>{save.loading ? '保存中…' : '保存'}</Button>
          </View>
        </Card>
      </PageState>
    </View>
  );
}
