import { View, Text } from '@tarojs/components';
import type { MetricDef, Threshold } from '@core/domain/stats';
import { show, type C } from './format';

/** Ranked horizontal bars of one metric across scopes (best first, no data last); a row may open that scope. */
export function RankBars(props: { def: MetricDef; rows: Array<{ id: string; name: string; c: C }>; threshold?: Threshold; highlight?: string; onOpen?: (id: string) => void }) {
  const lower = !!props.threshold?.lowerIsBetter;
  const rows = props.rows.map((r) => ({ ...r, s: show(props.def, r.c, props.threshold) }))
    .sort((a, b) => (a.s.value === null ? 1 : b.s.value === null ? -1 : lower ? a.s.value - b.s.value : b.s.value - a.s.value));
  const max = Math.max(...rows.map((r) => r.s.value ?? 0), props.def.kind === 'rate' ? 1 : 0.0001);
  return (
    <View className='db-rank'>
      {rows.map((r, i) => (
        <View key={r.id} className={`db-rank__row${r.id === props.highlight ? ' db-rank__row--me' : ''}`} onClick={props.onOpen ? () => props.onOpen!(r.id) : undefined}>
          <Text className='db-rank__pos'>{r.s.value === null ? '—' : i + 1}</Text>
          <View className='db-rank__main'>
            <View className='db-rank__line'>
              <Text className='db-rank__name'>{r.name}</Text>
              <Text className='db-rank__val'>{r.s.text}<Text className='db-rank__frac'>（{r.s.frac}）</Text></Text>
            </View>
            <View className='db-rank__track'><View className={`db-rank__bar db-bar--${r.s.light}`} style={{ width: `${r.s.value === null ? 0 : Math.max(1, Math.round((r.s.value / max) * 100))}%` }} /></View>
          </View>
          {props.onOpen && <Text className='db-rank__go'>›</Text>}
        </View>
      ))}
    </View>
  );
}
