import { View, Text } from '@tarojs/components';
import './ListFooter.scss';

export interface ListFooterProps {
  loading?: boolean;
  /** false when every item is loaded */
  hasMore: boolean;
  onMore?: () => void;
  /** nothing at all loaded: render nothing (PageState shows the empty state) */
  count?: number;
}

/** The line under a paged list: 加载中… / 加载更多 (tap) / 没有更多了. */
export function ListFooter({ loading, hasMore, onMore, count }: ListFooterProps) {
  if (count === 0) return null;
  if (loading) return <View className='sbd-foot'><Text>加载中…</Text></View>;
  if (hasMore) {
    return (
      <View className='sbd-foot sbd-foot--more' onClick={onMore}>
        <Text>加载更多</Text>
      </View>
    );
  }
  return <View className='sbd-foot'><Text>没有更多了</Text></View>;
}
