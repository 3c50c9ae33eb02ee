import type { SeedDb } from './types';

/**
 * Writes documents with their fixed `_id` (`doc(id).set`), a few at a time. `set` overwrites, so
 * running a step twice leaves the same data, never duplicates.
 */
export async function putAll(db: SeedDb, collection: string, docs: Array<{ _id: string } & Record<string, unknown>>, parallel = 8): Promise<number> {
  for (let i = 0; i < docs.length; i += parallel) {
    await Promise.all(docs.slice(i, i + parallel).map(({ _id, ...data }) => db.collection(collection).doc(_id).set({ data })));
  }
  return docs.length;
}
