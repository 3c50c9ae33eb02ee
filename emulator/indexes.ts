/**
 * Sorted compound indexes (the ones declared in core/db/schema.ts), so that equality / range
 * queries and index-ordered `orderBy` + `limit` examine only candidates, as on the platform.
 * Entries are kept in one sorted array per index: `[key values…, _id]`, each field in its declared
 * direction. A document whose indexed field holds an array makes the index "multikey"; the planner
 * then stops using it (correctness first: the full query is re-checked on every candidate anyway).
 */
import type { IndexSpec } from '../core/db/schema';
import { compareValues, getPath, isScalarKey } from './values';

type Doc = Record<string, unknown>;

export interface Entry {
  key: unknown[];
  id: string;
}

export class SortedIndex {
  readonly fields: string[];
  readonly dirs: (1 | -1)[];
  readonly unique: boolean;
  readonly name: string;
  entries: Entry[] = [];
  /** documents whose indexed values are arrays/objects (index unusable while > 0) */
  multikey = 0;
  private multikeyIds = new Set<string>();

  constructor(spec: IndexSpec) {
    this.name = spec.name;
    this.fields = Object.keys(spec.keys);
    this.dirs = this.fields.map((f) => spec.keys[f]);
    this.unique = !!spec.unique;
  }

  keyOf(doc: Doc): unknown[] {
    return this.fields.map((f) => {
      const v = getPath(doc, f);
      return v === undefined ? null : v;
    });
  }

  compareKeys(a: unknown[], b: unknown[], upto = this.fields.length): number {
    for (let i = 0; i < upto; i++) {
      const c = compareValues(a[i], b[i]) * this.dirs[i];
      if (c !== 0) return c;
    }
    return 0;
  }

  private compareEntry(a: Entry, b: Entry): number {
    const c = this.compareKeys(a.key, b.key);
    if (c !== 0) return c;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  /** first position whose entry is not "before" per the predicate (predicate must be monotone) */
  lowerBound(isBefore: (e: Entry) => boolean, lo = 0, hi = this.entries.length): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isBefore(this.entries[mid])) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(id: string, doc: Doc): void {
    const key = this.keyOf(doc);
    if (!key.every(isScalarKey)) {
      this.multikey++;
      this.multikeyIds.add(id);
    }
    const entry = { key, id };
    const pos = this.lowerBound((e) => this.compareEntry(e, entry) < 0);
    this.entries.splice(pos, 0, entry);
  }

  remove(id: string, doc: Doc): void {
    const entry = { key: this.keyOf(doc), id };
    const pos = this.lowerBound((e) => this.compareEntry(e, entry) < 0);
    if (pos < this.entries.length && this.entries[pos].id === id) this.entries.splice(pos, 1);
    else {
      // the stored key could not be re-found by value (should not happen): fall back to a scan
      const i = this.entries.findIndex((e) => e.id === id);
      if (i >= 0) this.entries.splice(i, 1);
    }
    if (this.multikeyIds.delete(id)) this.multikey--;
  }

  /** many changes at once: drop the old entries of `ids`, then merge the new ones in (O(n + k log k)) */
  replaceMany(ids: Set<string>, docs: [string, Doc][]): void {
    const kept = ids.size ? this.entries.filter((e) => !ids.has(e.id)) : this.entries;
    for (const id of ids) if (this.multikeyIds.delete(id)) this.multikey--;
    const fresh: Entry[] = [];
    for (const [id, doc] of docs) {
      const key = this.keyOf(doc);
      if (!key.every(isScalarKey)) {
        this.multikey++;
        this.multikeyIds.add(id);
      }
      fresh.push({ key, id });
    }
    fresh.sort((a, b) => this.compareEntry(a, b));
    const merged: Entry[] = new Array(kept.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < fresh.length) merged[k++] = this.compareEntry(kept[i], fresh[j]) <= 0 ? kept[i++] : fresh[j++];
    while (i < kept.length) merged[k++] = kept[i++];
    while (j < fresh.length) merged[k++] = fresh[j++];
    this.entries = merged;
  }

  /** bulk load at start: push then sort once */
  load(docs: Iterable<[string, Doc]>): void {
    this.entries = [];
    this.multikey = 0;
    this.multikeyIds.clear();
    for (const [id, doc] of docs) {
      const key = this.keyOf(doc);
      if (!key.every(isScalarKey)) {
        this.multikey++;
        this.multikeyIds.add(id);
      }
      this.entries.push({ key, id });
    }
    this.entries.sort((a, b) => this.compareEntry(a, b));
  }

  /** ids of other documents with exactly this key (unique check) */
  findEqual(key: unknown[]): string[] {
    const lo = this.lowerBound((e) => this.compareKeys(e.key, key) < 0);
    const out: string[] = [];
    for (let i = lo; i < this.entries.length && this.compareKeys(this.entries[i].key, key) === 0; i++) out.push(this.entries[i].id);
    return out;
  }
}
