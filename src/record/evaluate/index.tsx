import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageState } from '../../components';
import { useAdminScope } from '../../features/report';
import { StreetRollup } from './StreetRollup';
import { TaskFeedback } from './TaskFeedback';
import { YearRates } from './YearRates';
import '../../features/report/report.scss';
import '../../features/record/record.scss';
import '../../features/record/record-more.scss';

function Street() {
  const scope = useAdminScope(['street']);
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading} error={scope.error} onRetry={scope.reload} empty={!scope.scopeId} emptyText='您不是街道管理员'>
        {scope.scopeId && <StreetRollup streetId={scope.scopeId} />}
      </PageState>
    </View>
  );
}

/** 双向评价: a member rates a task and shows a resident the code (`?task=`); the community (default) or the unit (`view=unit`) rates a year; the street sees the roll-up (`view=street`). */
export default function Evaluate() {
  const p = Taro.getCurrentInstance().router?.params ?? {};
  if (p.task) return <TaskFeedback taskId={decodeURIComponent(p.task)} />;
  if (p.view === 'unit') return <YearRates as='unit' />;
  if (p.view === 'street') return <Street />;
  return <YearRates as='community' />;
}
