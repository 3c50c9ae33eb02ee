import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MetricDef, Threshold } from '@core/domain/stats';
import { show, type C } from './format';

/** One card per metric: value, numerator/denominator, light. Tap selects it for the charts; 口径 explains it. */
export function MetricGrid(props: { defs: MetricDef[]; c: C; thresholds: Record<string, Threshold>; selected: string; onSelect: (key: string) => void }) {
  const explain = (def: MetricDef) => {
    const s = show(def, props.c, props.thresholds[def.key]);
    void Taro.showModal({ title: def.label, content: `${def.definition}\n本月：${s.text}（${s.frac}）`, showCancel: false, confirmText: '知道了' });
  };
  return (
    <View className='db-grid'>
      {props.defs.map((def) => {
        const s = show(def, props.c, props.thresholds[def.key]);
        return (
          <View key={def.key} className={`db-metric${props.selected === def.key ? ' db-metric--on' : ''}`} onClick={() => props.onSelect(def.key)}>
            <View className='db-metric__head'>
              <View className={`db-light db-light--${s.light}`} />
              <Text className='db-metric__label'>{def.label}</Text>
            </View>
            <Text className={`db-metric__value${s.value === null ? ' db-metric__value--none' : ''}`}>{s.text}</Text>
            <View className='db-metric__foot'>
              <Text className='db-metric__frac'>{s.frac}</Text>
              <Text className='db-metric__why' onClick={(e) => { e.stopPropagation(); explain(def); }}>口径</Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}
