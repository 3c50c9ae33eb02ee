/**
 * Per-invocation accounting of database calls and documents examined.
 *
 * Attribution: the SDK puts `seqId=<TCB_SEQID>-<eventId>` in every request URL when the process
 * env has `TCB_SEQID` and `TCB_CONTEXT_KEYS` lists it (sdkEnv does). A runner that sets a fresh
 * `TCB_SEQID` per invocation therefore gets every call of that invocation counted under it.
 * Without TCB_SEQID the seqId is just `<eventId>` (no '-') and the call counts under ''.
 */
export interface Counters {
  calls: number;
  /** documents the engine looked at (index candidates, or the whole collection on a scan) */
  examined: number;
  /** documents returned to the caller */
  returned: number;
  /** documents written (inserted, updated, replaced, removed) */
  written: number;
  byAction: Record<string, number>;
}

const empty = (): Counters => ({ calls: 0, examined: 0, returned: 0, written: 0, byAction: {} });

/** invocation id from the `seqId` query parameter */
export function invocationOf(seqId: string | null | undefined): string {
  if (!seqId) return '';
  const i = seqId.lastIndexOf('-');
  return i > 0 ? seqId.slice(0, i) : '';
}

const MAX_INVOCATIONS = 5000;

export class Stats {
  total: Counters = empty();
  private perInvocation = new Map<string, Counters>();

  record(invocation: string, action: string, n: { examined?: number; returned?: number; written?: number }): void {
    for (const c of [this.total, this.forInvocation(invocation)]) {
      c.calls++;
      c.examined += n.examined ?? 0;
      c.returned += n.returned ?? 0;
      c.written += n.written ?? 0;
      c.byAction[action] = (c.byAction[action] ?? 0) + 1;
    }
  }

  private forInvocation(id: string): Counters {
    let c = this.perInvocation.get(id);
    if (!c) {
      c = empty();
      this.perInvocation.set(id, c);
      if (this.perInvocation.size > MAX_INVOCATIONS) {
        const oldest = this.perInvocation.keys().next().value as string;
        this.perInvocation.delete(oldest);
      }
    }
    return c;
  }

  invocation(id: string): Counters {
    const c = this.perInvocation.get(id);
    return c ? JSON.parse(JSON.stringify(c)) : empty();
  }

  snapshot(): { total: Counters; invocations: Record<string, Counters> } {
    return JSON.parse(JSON.stringify({ total: this.total, invocations: Object.fromEntries(this.perInvocation) }));
  }

  reset(): void {
    this.total = empty();
    this.perInvocation.clear();
  }
}
