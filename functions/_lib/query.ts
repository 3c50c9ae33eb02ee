/**
 * Typed reads over the SDK, whose `get()` is typed for its callback overloads too (`… | void`).
 * `rows` reads one query's documents; `pageOf` reads one server-side page plus the total.
 */
interface Gettable { get(): unknown }
interface Countable { count(): unknown }
interface Pageable extends Gettable { skip(n: number): { limit(n: number): Gettable } }

export async function rows<T>(query: Gettable): Promise<T[]> {
  const res = (await query.get()) as { data: T[] };
  return res.data;
}

export async function first<T>(query: Gettable): Promise<T | undefined> {
  return (await rows<T>(query))[0];
}

export async function countOf(query: Countable): Promise<number> {
  const res = (await query.count()) as { total: number };
  return res.total;
}

/** One page (1-based) of an ordered query and the count of all matches, read in parallel. */
export async function pageOf<T>(ordered: Pageable, counter: Countable, page: number, pageSize: number): Promise<{ items: T[]; total: number; page: number; pageSize: number }> {
  const [items, total] = await Promise.all([rows<T>(ordered.skip((page - 1) * pageSize).limit(pageSize)), countOf(counter)]);
  return { items, total, page, pageSize };
}
