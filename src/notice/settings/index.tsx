import { Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { noticeKindLabel, type InboxKind } from '@core/contracts/member';
import { api, useAction, useQuery } from '../../api';
import { Card, PageState } from '../../components';
import './index.scss';

const KINDS = Object.keys(noticeKindLabel) as InboxKind[];

/**
 * 消息设置: which kinds of message may reach the member as a WeChat service notification. A muted
 * kind still arrives in 我的消息 (the inbox); only the push is off. Quiet hours are fixed here.
 */
export default function NoticeSettingsPage() {
  const q = useQuery(() => api.member.noticePrefs(), []);
  const [muted, setMuted] = useState<InboxKind[] | null>(null);
  const current = muted ?? q.data?.muted ?? [];
  const save = useAction((next: InboxKind[]) => api.member.setNoticePrefs({ muted: next }), {
    success: '已保存',
    onSuccess: (r) => setMuted(r.muted),
  });
  const toggle = (kind: InboxKind, on: boolean) => {
    const next = on ? current.filter((k) => k !== kind) : [...current, kind];
    setMuted(next);
    void save.run(next);
  };
  return (
    <View className='sbd-page notice-settings'>
      <PageState loading={q.loading} error={q.error} onRetry={q.reload} rows={4}>
        <Card title='服务通知推送'>
          <Text className='notice-settings__hint'>关闭后仍会在「我的消息」中收到，只是不再推送微信服务通知。</Text>
          {KINDS.map((kind) => (
            <View key={kind} className='notice-settings__row'>
              <View className='notice-settings__text'>
                <Text className='notice-settings__title'>{noticeKindLabel[kind]!.title}</Text>
                <Text className='notice-settings__note'>{noticeKindLabel[kind]!.note}</Text>
              </View>
              <Switch color='#C8102E' checked={!current.includes(kind)} disabled={save.loading} onChange={(e) => toggle(kind, !!e.detail.value)} />
            </View>
          ))}
        </Card>
        <Card title='免打扰时段'>
          <Text>每天 22:00 至次日 08:00 不推送一般通知，到 8:00 再发送；任务临时取消等紧急通知不受限制。</Text>
        </Card>
      </PageState>
    </View>
  );
}
