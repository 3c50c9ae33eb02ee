import Taro, { useDidHide } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { draftOwner, onLeave } from './draftPlatform';
import { DRAFT_DEBOUNCE_MS, draftKey, readDraft, removeDraft, writeDraft, type DraftStorage } from './draftStore';

const taroStorage: DraftStorage = {
  get: (key) => Taro.getStorageSync(key),
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
};

export interface DraftOptions<T> {
  /** the form, e.g. 'pledge-edit' */
  page: string;
  /** the edited item; none for a new one */
  id?: string | null;
  /** the form's current values (JSON-safe) */
  value: T;
  /** put values back into the form (a restored draft, or the starting point on 清空) */
  apply: (value: T) => void;
  /** the form holds its starting point (a stored item is loaded into it) */
  ready: boolean;
  /** false for a read-only view: nothing is read or written */
  enabled?: boolean;
  storage?: DraftStorage;
  now?: () => number;
}

export interface DraftState {
  /**
   * the draft (if any) is in the form: pages mount their fields only then, so a field's value
   * does not change in the tick it mounts (h5's Input threw on that)
   */
  settled: boolean;
  /** a draft was laid over the form when it opened (show DraftHint) */
  restored: boolean;
  /** 清空: back to the starting point, the draft removed */
  discard: () => void;
  /** after a successful submit: the draft removed (what is on screen now is not a draft) */
  clear: () => void;
}

/**
 * Keeps what a user typed into a longer form across an h5 reload or a mini-program page being
 * recreated: once `ready`, a draft under page + id (younger than a day) replaces the form's values;
 * changes are written after a pause in typing and on leaving; back at the starting point, or after
 * `clear()`, nothing is kept.
 */
export function useDraft<T>(o: DraftOptions<T>): DraftState {
  const storage = o.storage ?? taroStorage;
  const now = o.now ?? Date.now;
  const key = draftKey(o.page, o.id, draftOwner());
  const on = o.enabled !== false;
  const json = JSON.stringify(o.value);
  const [restored, setRestored] = useState(false);
  const [checked, setChecked] = useState<string | null>(null);
  /** the form's starting point (what 清空 goes back to; equal to it means no draft) */
  const base = useRef<{ key: string; json: string } | null>(null);
  /** what storage holds for this form now, as JSON ('' for nothing) */
  const stored = useRef('');
  const pending = useRef<(() => void) | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ json, apply: o.apply });
  latest.current = { json, apply: o.apply };

  useEffect(() => {
    if (!on || !o.ready || base.current?.key === key) return;
    base.current = { key, json };
    stored.current = '';
    setChecked(key);
    const draft = readDraft<T>(storage, key, now());
    if (draft === null) return;
    stored.current = JSON.stringify(draft);
    if (stored.current === json) return;
    latest.current.apply(draft);
    setRestored(true);
    // once per form and item, when it is ready: later values are the user's, not a starting point
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [on, o.ready, key]);

  useEffect(() => {
    pending.current = null;
    const b = base.current;
    if (!on || !b || b.key !== key || json === stored.current) return;
    const write = () => {
      pending.current = null;
      if (json === b.json) {
        if (stored.current) removeDraft(storage, key);
      } else writeDraft(storage, key, JSON.parse(json), now());
      stored.current = json === b.json ? '' : json;
    };
    pending.current = write;
    timer.current = setTimeout(write, DRAFT_DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- storage and clock are fixed per form
  }, [json, on, key]);

  // leaving within the pause still keeps the last keystrokes: the page closed, the app sent to the
  // background (WeChat may end it there), or the h5 document reloaded
  const flush = () => pending.current?.();
  useEffect(() => {
    const off = onLeave(() => pending.current?.());
    return () => {
      off();
      pending.current?.();
    };
  }, []);
  useDidHide(flush);

  const drop = () => {
    clearTimeout(timer.current);
    pending.current = null;
    removeDraft(storage, key);
    setRestored(false);
  };
  return {
    settled: !on || checked === key,
    restored,
    discard: () => {
      const b = base.current;
      drop();
      if (!b) return;
      stored.current = b.json;
      latest.current.apply(JSON.parse(b.json) as T);
    },
    clear: () => {
      drop();
      stored.current = latest.current.json;
    },
  };
}
