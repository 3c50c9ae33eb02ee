import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MetricDef, Threshold } from '@core/domain/stats';
import { show, type C } from './format';

/**
 * 12 months as vertical bars built from views (weapp views have no SVG; a chart library would not
 * fit the subpackage budget). A month without data shows a grey stub and 无, never a zero bar.
 * Tapping a month shows its value with numerator/denominator.
 */
export function TrendBars(props: { def: MetricDef; months: Array<{ month: string; c: C }>; threshold?: Threshold }) {
  const shown = props.months.map((m) => ({ month: m.month, s: show(props.def, m.c, props.threshold) }));
  const max = Math.max(...shown.map((x) => x.s.value ?? 0), props.def.kind === 'rate' ? 1 : 0.0001);
  const last = shown[shown.length - 1];
  return (
    <View className='db-trend'>
      <View className='db-trend__bars'>
        {shown.map(({ month, s }) => (
          <View key={month} className='db-trend__col' onClick={() => void Taro.showToast({ title: `${month.replace('-', ' 年 ')} 月：${s.text}（${s.frac}）`, icon: 'none', duration: 2500 })}>
            <Text className='db-trend__num'>{s.value === null ? '无' : props.def.kind === 'rate' ? Math.round(s.value * 100) : s.value.toFixed(1)}</Text>
            <View className='db-trend__track'>
              <View className={`db-trend__bar db-bar--${s.light}${s.value === null ? ' db-trend__bar--none' : ''}`} style={{ height: `${s.value === null ? 2 : Math.max(2, Math.round((s.value / max) * 100))}%` }} />
            </View>
            <Text className='db-trend__month'>{Number(month.slice(5))}月</Text>
          </View>
        ))}
      </View>
      <Text className='db-hint'>
        {props.def.kind === 'rate' ? '柱上数字为百分比' : `柱上数字单位：${props.def.unit ?? ''}`}，点柱子看分子/分母。本月 {last ? `${last.s.text}（${last.s.frac}）` : '暂无数据'}
      </Text>
    </View>
  );
}
