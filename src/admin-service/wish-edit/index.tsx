import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { wishCategory, wishCategoryLabel, type WishCategory } from '@core/contracts/wish';
import { api, fieldErrors, useAction, useQuery } from '../../api';
import { Card, Chips, Field, PageState, TextArea } from '../../components';
import { PickerField } from '../../components/sub/PickerField';
import { useDraft } from '../../components/sub/useDraft';
import { DraftHint } from '../../components/sub/DraftHint';
import { canEdit } from '@core/domain/wish';
import { useAdminCommunity } from '../../features/tasks/useAdminCommunity';
import { PhotoPicker } from '../../features/service/PhotoPicker';
import { dateOf, endOfDay, newRequestId } from '../../features/service/format';
import '../../features/service/service.scss';
import '../../features/tasks/tasks.scss';

interface Form { title: string; description: string; forWhom: string; category: WishCategory; valueCap: string; groupMax: string; deadline: string; photos: string[]; name: string; phone: string; address: string; note: string }

const inDays = (n: number) => dateOf(new Date(Date.now() + n * 86_400_000).toISOString());

/** Create or edit a wish (collected on a home visit): public fields, and the beneficiary's details kept private. */
export default function WishEdit() {
  const id = Taro.getCurrentInstance().router?.params.id;
  const community = useAdminCommunity();
  const cid = community.communityId;
  const q = useQuery(() => (id ? api.wish.get({ id }) : Promise.resolve(null)), [id]);
  const [f, setF] = useState<Form>({ title: '', description: '', forWhom: '', category: 'daily', valueCap: '200', groupMax: '5', deadline: inDays(30), photos: [], name: '', phone: '', address: '', note: '' });
  const requestId = useRef(newRequestId());
  // the draft is laid over the stored wish only once the form holds it
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    const w = q.data;
    if (!w) return;
    setFilled(true);
    setF({ title: w.title, description: w.description, forWhom: w.forWhom, category: w.category, valueCap: String(w.valueCap), groupMax: String(w.groupMax), deadline: dateOf(w.deadline), photos: [], name: w.beneficiary?.name ?? '', phone: w.beneficiary?.phone ?? '', address: w.beneficiary?.address ?? '', note: w.beneficiary?.note ?? '' });
  }, [q.data]);
  // a claimed wish can no longer be changed: no draft for it
  const draft = useDraft({ page: 'wish-edit', id, value: f, apply: setF, ready: !community.loading && !q.loading && (filled || !q.data), enabled: !q.data || canEdit(q.data.status) });
  const save = useAction(() => api.wish.save({
    id, requestId: requestId.current, communityId: cid!, title: f.title.trim(), description: f.description.trim(), forWhom: f.forWhom.trim(), category: f.category,
    valueCap: Number(f.valueCap) || 0, groupMax: Number(f.groupMax) || 1, deadline: endOfDay(f.deadline), photos: f.photos,
    beneficiary: { name: f.name.trim(), phone: f.phone.trim(), address: f.address.trim(), note: f.note.trim() },
  }), { success: '已发布到心愿墙', onSuccess: () => { draft.clear(); void Taro.navigateBack(); } });
  const set = (k: keyof Form) => (v: string) => setF({ ...f, [k]: v });
  // the server's messages under their fields (a toast alone vanishes, and the field may be scrolled away)
  const err = fieldErrors(save.error, true);
  return (
    <View className='sbd-page'>
      <PageState loading={community.loading || q.loading || !draft.settled} error={community.error ?? q.error}>
        <DraftHint draft={draft} />
        <Card title='心愿（公开）'>
          <Field title='心愿内容' required value={f.title} maxlength={30} placeholder='如：一台带座椅的助行器' onInput={set('title')} error={err.title} />
          <TextArea title='说明' value={f.description} maxlength={300} placeholder='具体要求、尺寸、送达方式' onInput={set('description')} error={err.description} />
          <Field title='心愿对象' required value={f.forWhom} maxlength={20} placeholder='如：独居老人、困难家庭儿童' onInput={set('forWhom')}
            description='公开称呼，不写姓名' error={err.forWhom} />
          <Field title='类别'>
            <Chips options={wishCategory.options.map((c) => ({ value: c, label: wishCategoryLabel[c] }))} value={f.category} onChange={(c) => c && setF({ ...f, category: c })} />
          </Field>
          <Field title='价值上限' type='number' value={f.valueCap} maxlength={4} onInput={set('valueCap')} extra='元' error={err.valueCap} />
          <Field title='最多认领' type='number' value={f.groupMax} maxlength={2} onInput={set('groupMax')} extra='人' error={err.groupMax} />
          <PickerField title='截止日期' required arrow mode='date' value={f.deadline} start={inDays(1)} onChange={(deadline) => setF({ ...f, deadline })} error={err.deadline} />
          <Text className='svc-form-label'>照片（选填）</Text>
          <PhotoPicker value={f.photos} onChange={(photos) => setF({ ...f, photos })} folder='wish' max={9} />
        </Card>
        <Card title='受助人（仅社区和认领党员可见）'>
          <Field title='姓名' required value={f.name} maxlength={20} onInput={set('name')} error={err['beneficiary.name']} />
          <Field title='联系电话' type='number' value={f.phone} maxlength={11} onInput={set('phone')} error={err['beneficiary.phone']} />
          <Field title='住址' value={f.address} maxlength={60} onInput={set('address')} error={err['beneficiary.address']} />
          <TextArea title='情况说明' value={f.note} maxlength={200} placeholder='如：独居、腿脚不便、低保户' onInput={set('note')} error={err['beneficiary.note']} />
        </Card>
        <View className='task-actions'>
          <Button className='task-btn' loading={save.loading} disabled={!cid ? true : undefined} onClick={() => void save.run()}>{id ? '保存' : '发布到心愿墙'}</Button>
        </View>
      </PageState>
    </View>
  );
}
