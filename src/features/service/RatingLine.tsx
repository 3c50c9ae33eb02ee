import { Text, View } from '@tarojs/components';
import { pledgeRating, pledgeRatingLabel, type PledgeRatingDto } from '@core/contracts/pledge';
import './service.scss';

type Tally = Record<PledgeRatingDto, number>;

/** 群众评价 tally: "群众评价：满意 3 · 基本满意 1 · 不满意 0" (nothing while nobody rated, unless `always`). */
export function RatingLine({ ratings: given, always }: { ratings?: Tally; always?: boolean }) {
  const ratings = given ?? { good: 0, fair: 0, poor: 0 };
  const total = ratings.good + ratings.fair + ratings.poor;
  if (!total && !always) return null;
  return (
    <Text className='svc-line svc-line--muted'>
      群众评价：{total ? pledgeRating.options.map((r) => `${pledgeRatingLabel[r]} ${ratings[r]}`).join(' · ') : '暂无'}
    </Text>
  );
}

/** The three rating buttons of the pledge wall (a resident rates a pledge once). */
export function RatingButtons({ onRate, busy }: { onRate: (r: PledgeRatingDto) => void; busy?: boolean }) {
  return (
    <View className='svc-rate'>
      <Text className='svc-rate__label'>评价践诺：</Text>
      {pledgeRating.options.map((r) => (
        <Text key={r} className={`svc-rate__btn${busy ? ' svc-rate__btn--busy' : ''}`} onClick={() => { if (!busy) onRate(r); }}>{pledgeRatingLabel[r]}</Text>
      ))}
    </View>
  );
}
