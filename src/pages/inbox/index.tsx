import { View, Text } from '@tarojs/components';
import Taro, { useReachBottom, usePullDownRefresh } from '@tarojs/taro';
import type { InboxItem } from '@core/contracts/member';
import { api, showUnreadBadge, useAction, usePagedList } from '../../api';
import { Card, ListFooter, PageState } from '../../components';
import '../../features/report/report.scss';
import { fmtDateTime } from '@core/format';

/** 我的消息: in-app notices (report results, unit confirmations, reminders, tasks), newest first. */
export default function InboxPage() {
  const list = usePagedList((page) => api.member.inbox({ page, pageSize: 20 }), []);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()));
  const readAll = useAction(() => api.member.readInbox({}), { success: '已全部标为已读', onSuccess: (r) => { showUnreadBadge(r.unread); void list.reload(); } });
  const open = async (m: InboxItem) => {
    if (!m.read) await api.member.readInbox({ ids: [m.id] }).then((r) => showUnreadBadge(r.unread)).catch(() => undefined);
    if (m.link) void Taro.navigateTo({ url: m.link }).catch(() => Taro.switchTab({ url: m.link! }));
    else void list.reload();
  };
  const unread = list.items.filter((m) => !m.read).length;
  return (
    <View className='sbd-page inbox'>
      {unread > 0 && (
        <View className='sbd-chips'>
          <Text className='sbd-chips__item' onClick={() => void readAll.run()}>
            全部标为已读
          </Text>
        </View>
      )}
      <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={list.items.length === 0} emptyText='暂无消息' emptyIcon='empty'>
        {list.items.map((m) => (
          <Card key={m.id} title={m.title} extra={!m.read ? <Text style={{ color: '#C8102E' }}>●</Text> : undefined} onClick={() => void open(m)}>
            <Text>{m.body}</Text>
            <Text className='rf-hint'>{fmtDateTime(m.createdAt)}</Text>
          </Card>
        ))}
        <ListFooter loading={list.loadingMore} hasMore={list.hasMore} onMore={list.loadMore} count={list.items.length} />
      </PageState>
    </View>
  );
}
