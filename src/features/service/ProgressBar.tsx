import { Text, View } from '@tarojs/components';
import './service.scss';

/** Progress toward a pledge's target: bar and "4/6 次 · 66%". */
export function ProgressBar({ done, goal, percent, unit, text }: { done?: number; goal?: number; percent: number; unit?: string; text?: string }) {
  return (
    <View className='svc-progress'>
      <View className='svc-progress__bar'>
        <View className={`svc-progress__fill${percent >= 100 ? ' svc-progress__fill--done' : ''}`} style={{ width: `${Math.min(100, percent)}%` }} />
      </View>
      <Text className='svc-progress__text'>{text ?? `${done}/${goal} ${unit} · ${percent}%`}</Text>
    </View>
  );
}
