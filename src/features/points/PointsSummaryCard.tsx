import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OutputOf } from '@core/contracts/envelope';
import type { pointsContract } from '@core/contracts/points';
import { api, useQuery } from '../../api';
import { PageState } from '../../components';
import { fmtHours } from './format';
import './points.scss';

export type BalanceData = OutputOf<typeof pointsContract, 'balance'>;

/** The red summary block: this year's points, hours and rank in my community. */
export function PointsSummary({ data, onClick }: { data: BalanceData; onClick?: () => void }) {
  return (
    <View className='pts-summary' onClick={onClick}>
      <Text className='pts-summary__year'>{data.year} 年度积分（已生效）</Text>
      <View className='pts-summary__points'>
        <Text>{data.points}</Text>
        <Text className='pts-summary__unit'>分</Text>
      </View>
      <View className='pts-summary__row'>
        <View className='pts-summary__stat'>
          <Text className='pts-summary__num'>{data.pending ?? 0}</Text>
          <Text>公示中（未生效）</Text>
        </View>
        <View className='pts-summary__stat'>
          <Text className='pts-summary__num'>{fmtHours(data.hours)}</Text>
          <Text>服务时长（小时）</Text>
        </View>
        <View className='pts-summary__stat'>
          <Text className='pts-summary__num'>{data.rank === null ? '—' : `第 ${data.rank} 名`}</Text>
          <Text>{data.communityId ? `社区排名 · 共 ${data.rankOf} 人` : '报到后参与社区排名'}</Text>
        </View>
      </View>
    </View>
  );
}

/**
 * Self-loading summary others can drop on a page (e.g. 首页): `<PointsSummaryCard />`.
 * Tapping it opens the 积分 tab.
 */
export function PointsSummaryCard() {
  const q = useQuery(() => api.points.balance({}), []);
  return (
    <PageState loading={q.loading} rows={1} error={q.error} onRetry={q.reload}>
      {q.data && <PointsSummary data={q.data} onClick={() => void Taro.switchTab({ url: '/pages/points/index' })} />}
    </PageState>
  );
}
