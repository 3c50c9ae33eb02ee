import Taro from '@tarojs/taro';
import { CommunityLetters } from './CommunityLetters';
import { MyLetters } from './MyLetters';
import { UnitLetters } from './UnitLetters';
import '../../features/report/report.scss';
import '../../features/record/record.scss';
import '../../features/record/record-more.scss';

/** 反馈单: the community drafts and sends (default), the unit receives and acknowledges (`view=unit`), the member checks and disputes (`view=mine`). */
export default function Letters() {
  const view = Taro.getCurrentInstance().router?.params?.view;
  if (view === 'mine') return <MyLetters />;
  if (view === 'unit') return <UnitLetters />;
  return <CommunityLetters />;
}
