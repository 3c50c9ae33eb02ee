import { Input, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import './SearchBar.scss';

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 400;

/**
 * A search box that searches as you type (after a short pause) and at once on the keyboard's 搜索.
 * `onSearch` gets the trimmed keyword; the typed text survives re-renders of the page.
 */
export function SearchBar(p: { placeholder: string; onSearch: (keyword: string) => void; initial?: string }) {
  const [text, setText] = useState(p.initial ?? '');
  const last = useRef((p.initial ?? '').trim());
  const run = (v: string) => {
    const k = v.trim();
    if (k === last.current) return;
    last.current = k;
    p.onSearch(k);
  };
  useEffect(() => {
    const t = setTimeout(() => run(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return (
    <View className='sbd-search'>
      <Input className='sbd-search__input' value={text} placeholder={p.placeholder} confirmType='search' onInput={(e) => setText(e.detail.value)} onConfirm={() => run(text)} />
    </View>
  );
}
