import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { api, useAction } from '../../api';
import { Card, Field, TextArea } from '../../components';
import { newRequestId } from '../../features/service/format';
import { useDraft } from '../../components/sub/useDraft';
import { DraftHint } from '../../components/sub/DraftHint';
import '../../features/service/service.scss';
import '../../features/tasks/tasks.scss';

/** A resident's small wish, sent through the community's shared link; the community visits and verifies it first. */
export default function WishSubmit() {
  const communityId = Taro.getCurrentInstance().router?.params.communityId ?? '';
  const [f, setF] = useState({ title: '', description: '', name: '', phone: '', address: '' });
  const [sent, setSent] = useState<string>();
  const requestId = useRef(newRequestId());
  // one draft per community link; it holds the beneficiary's details only on this phone, for a day at most
  const draft = useDraft({ page: 'wish-submit', id: communityId, value: f, apply: setF, ready: true, enabled: !!communityId && !sent });
  const send = useAction(() => api.wish.submit({
    requestId: requestId.current, communityId, title: f.title.trim(), description: f.description.trim(),
    beneficiary: { name: f.name.trim(), phone: f.phone.trim(), address: f.address.trim(), note: '' },
  }), { onSuccess: (r) => { draft.clear(); setSent(r.communityName); } });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  if (!communityId) return <View className='sbd-page'><Text className='task-hint'>链接不完整，请向社区索取提交心愿的链接</Text></View>;
  if (sent) {
    return (
      <View className='sbd-page'>
        <Card title='心愿已提交'>
          <Text className='svc-line'>{sent}会安排工作人员入户核实，核实后发布到心愿墙，由党员认领帮您实现。</Text>
        </Card>
      </View>
    );
  }
  if (!draft.settled) return <View className='sbd-page' />;
  return (
    <View className='sbd-page'>
      <DraftHint draft={draft} />
      <Card title='您的微心愿'>
        <Field title='心愿内容' required value={f.title} maxlength={30} placeholder='如：一台助行器、孩子的课外书' onInput={set('title')} />
        <TextArea title='说明' value={f.description} maxlength={300} placeholder='为什么需要、有什么要求' onInput={set('description')} />
        <Field title='受助人姓名' required value={f.name} maxlength={20} onInput={set('name')} />
        <Field title='联系电话' type='number' value={f.phone} maxlength={11} onInput={set('phone')} />
        <Field title='住址' value={f.address} maxlength={60} placeholder='如：3 栋 402' onInput={set('address')} />
        <View className='svc-private'>姓名、电话和住址只有社区和认领党员能看到，心愿墙上不会显示。</View>
      </Card>
      <View className='task-actions'>
        <Button className='task-btn' loading={send.loading} disabled={f.title.trim().length < 2 || !f.name.trim() ? true : undefined} onClick={() => void send.run()}>提交心愿</Button>
      </View>
    </View>
  );
}
