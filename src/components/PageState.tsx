import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { EmptyState, type EmptyIcon } from './EmptyState';
import './PageState.scss';

export interface PageStateProps {
  loading?: boolean;
  /** an ApiError or any Error: its message is shown with a 重试 button */
  error?: { message: string } | null;
  /** true when there is nothing to show */
  empty?: boolean;
  emptyText?: string;
  emptyHint?: string;
  emptyIcon?: EmptyIcon;
  /** extra content under the empty text, e.g. a button to create the first item */
  emptyAction?: ReactNode;
  onRetry?: () => void;
  /** skeleton rows while loading (default 3 cards) */
  rows?: number;
  children?: ReactNode;
}

/**
 * The three states every data view has, in one place: loading skeleton, error with retry,
 * empty with icon and text; otherwise its children.
 */
export function PageState(props: PageStateProps) {
  if (props.loading) return <Skeleton rows={props.rows ?? 3} />;
  const code = (props.error as { code?: string } | null | undefined)?.code;
  // not reported yet is a state to act on, not a failure to retry; a message about another member
  // (该党员尚未报到…) gets no 去报到 button
  if (props.error && (code === 'NOT_REPORTED' || code === 'NOT_IN_COMMUNITY')) {
    return (
      <View className='sbd-state'>
        <EmptyState icon='empty' text='尚未报到社区' hint={props.error.message} />
        {!props.error.message.startsWith('该') && (
          <Button className='sbd-state__retry' size='mini' onClick={() => void Taro.navigateTo({ url: '/pages/report/index' })}>
            去报到
          </Button>
        )}
      </View>
    );
  }
  // a deep link to something deleted, or missing its id: retrying cannot help
  const gone = !!code && code.endsWith('NOT_FOUND');
  const details = (props.error as { details?: unknown } | null | undefined)?.details;
  const noId = code === 'VALIDATION_FAILED' && Array.isArray(details) && details.some((d: { path?: unknown[] }) => /(^id|Id)$/.test(String(d?.path?.[0] ?? '')));
  if (props.error && (gone || noId)) {
    return (
      <View className='sbd-state'>
        <EmptyState icon='empty' text={gone ? '没有找到' : '链接不完整'} hint={gone ? props.error.message : '请回到列表重新打开'} />
      </View>
    );
  }
  if (props.error) {
    return (
      <View className='sbd-state sbd-state--error'>
        <EmptyState icon='error' text='加载失败' hint={props.error.message || '出了点问题，请稍后重试'} />
        {props.onRetry && (
          <Button className='sbd-state__retry' size='mini' onClick={props.onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (props.empty) {
    return (
      <View className='sbd-state'>
        <EmptyState icon={props.emptyIcon ?? 'empty'} text={props.emptyText ?? '暂无内容'} hint={props.emptyHint} />
        {props.emptyAction}
      </View>
    );
  }
  return <>{props.children}</>;
}

/** Grey placeholder cards shaped like a list while data loads. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <View className='sbd-skeleton' aria-busy='true'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='sbd-skeleton__card'>
          <View className='sbd-skeleton__line sbd-skeleton__line--title' />
          <View className='sbd-skeleton__line' />
          <View className='sbd-skeleton__line sbd-skeleton__line--short' />
        </View>
      ))}
      <Text className='sbd-skeleton__label'>加载中…</Text>
    </View>
  );
}
