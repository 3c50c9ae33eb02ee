/**
 * The rules of a form's unsent draft, apart from React and the platform (unit-tested on their own):
 * one key per page and edited item, a draft older than a day is dropped, not shown.
 */
export const DRAFT_TTL_MS = 86_400_000;
/** how long typing must pause before the draft is written */
export const DRAFT_DEBOUNCE_MS = 400;

/** where drafts are kept (Taro storage in the app; a Map in tests) */
export interface DraftStorage {
  get: (key: string) => unknown;
  set: (key: string, value: unknown) => void;
  remove: (key: string) => void;
}

interface Stored {
  v: unknown;
  at: number;
}

/** `draft:<page>:<id>`; a form for a new item is `new`; `owner` when users share the storage (h5) */
export function draftKey(page: string, id?: string | null, owner = ''): string {
  return `draft:${page}:${id || 'new'}${owner ? `:${owner}` : ''}`;
}

/** The draft under `key`, or null when there is none, it is malformed or older than a day (then it is removed). */
export function readDraft<T>(storage: DraftStorage, key: string, now: number): T | null {
  let raw: unknown;
  try {
    raw = storage.get(key);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || !('v' in raw) || typeof (raw as Stored).at !== 'number') return null;
  const at = (raw as Stored).at;
  // a stale one (or one from a clock that was set wrong) is never a surprise on screen
  if (now - at > DRAFT_TTL_MS || at - now > DRAFT_TTL_MS) {
    removeDraft(storage, key);
    return null;
  }
  return (raw as Stored).v as T;
}

export function writeDraft(storage: DraftStorage, key: string, value: unknown, now: number): void {
  try {
    storage.set(key, { v: value, at: now } satisfies Stored);
  } catch {
    // storage full or unavailable: the form still works, only without a draft
  }
}

export function removeDraft(storage: DraftStorage, key: string): void {
  try {
    storage.remove(key);
  } catch {
    // nothing to do
  }
}
