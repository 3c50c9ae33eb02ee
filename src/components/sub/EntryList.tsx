import { Text } from '@tarojs/components';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import './EntryList.scss';

export interface Entry {
  /** the entry's name, e.g. 报到审核 */
  title: string;
  /** one grey line saying what is there */
  description?: string;
  /** right side before the arrow, e.g. a StatusTag or 查看 */
  extra?: ReactNode;
  onClick: () => void;
}

/**
 * A workbench's list of entries: NutUI React Taro's CellGroup/Cell with the kit's look.
 * Subpackage pages only (tests/unit/arrows.test.ts): NutUI code and styles used by a main-package
 * page would land in the main package (docs/ARCHITECTURE.md § UI kit has the measured cost).
 */
export function EntryList({ entries }: { entries: Entry[] }) {
  return (
    <CellGroup className='sbd-entries'>
      {entries.map((e) => (
        <Cell
          key={e.title}
          className='sbd-entries__item'
          clickable
          align='center'
          title={<Text className='sbd-entries__title'>{e.title}</Text>}
          description={e.description}
          extra={
            <>
              {e.extra}
              <Text className='sbd-entries__arrow'>›</Text>
            </>
          }
          onClick={e.onClick}
        />
      ))}
    </CellGroup>
  );
}
