/**
 * Durability: one append-only journal file per DATA_DIR plus an owner lock.
 *
 * - Each commit (one write, or a whole transaction) is ONE line `json\tchecksum\n`, written and
 *   fsync'd before the caller answers the SDK: an acknowledged write survives SIGKILL, and a
 *   transaction is all or nothing.
 * - At start the journal is replayed; a torn or corrupt final line (crash mid-write) is ignored.
 *   The state is then compacted into a fresh journal (written aside, fsync'd, renamed over).
 * - One process owns a DATA_DIR (`LOCK` holds its pid). A second owner is refused; a lock left by a
 *   dead process (SIGKILL) is taken over.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type Op =
  | { k: 'create'; c: string }
  | { k: 'put'; c: string; id: string; d: unknown }
  | { k: 'del'; c: string; id: string }
  | { k: 'wipe' };

const JOURNAL = 'journal.log';
const LOCK = 'LOCK';

/** DATA_DIRs owned by this very process (a second store in the same process is a second owner too). */
const ownedHere = new Set<string>();

export class OwnershipError extends Error {}

function checksum(s: string): string {
  return createHash('sha1').update(s).digest('hex').slice(0, 16);
}

function encode(ops: Op[]): Buffer {
  const json = JSON.stringify({ ops });
  return Buffer.from(`${json}\t${checksum(json)}\n`, 'utf8');
}

/**
 * Is the lock owner still running? A process killed with SIGKILL stays a zombie (state Z in
 * /proc/<pid>/stat) until its parent reaps it; `kill(pid, 0)` still succeeds on a zombie, so an
 * immediate restart used to be refused. A zombie or dead (X) process owns nothing.
 */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): kill(0) is all we know
  }
}

function acquireLock(dir: string): void {
  const lockPath = path.join(dir, LOCK);
  if (ownedHere.has(dir)) {
    throw new OwnershipError(`[emulator] DATA_DIR ${dir} is already owned by this process (another emulator is running on it). Stop it first or use another DATA_DIR.`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      ownedHere.add(dir);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let pid = NaN;
    try {
      pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    } catch {
      continue; // vanished meanwhile: retry
    }
    if (pid !== process.pid && pidAlive(pid)) {
      throw new OwnershipError(`[emulator] DATA_DIR ${dir} is owned by running process ${pid} (${lockPath}). One process must own the data: stop that emulator first, or use another DATA_DIR.`);
    }
    // stale lock of a dead owner (e.g. killed with SIGKILL): take it over
    try {
      fs.unlinkSync(lockPath);
    } catch {
      /* someone else removed it; retry */
    }
  }
  throw new OwnershipError(`[emulator] could not take the lock ${lockPath}`);
}

export interface Replayed {
  ops: Op[][];
  /** a torn/corrupt tail was found and ignored */
  tornTail: boolean;
}

function readJournal(file: string): Replayed {
  if (!fs.existsSync(file)) return { ops: [], tornTail: false };
  const text = fs.readFileSync(file, 'utf8');
  const out: Op[][] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return { ops: out, tornTail: true };
    const line = text.slice(pos, nl);
    pos = nl + 1;
    const tab = line.lastIndexOf('\t');
    if (tab < 0 || checksum(line.slice(0, tab)) !== line.slice(tab + 1)) return { ops: out, tornTail: true };
    out.push((JSON.parse(line.slice(0, tab)) as { ops: Op[] }).ops);
  }
  return { ops: out, tornTail: false };
}

export class Journal {
  private fd: number | null = null;
  readonly file: string;

  private constructor(readonly dir: string, private readonly fsync: boolean) {
    this.file = path.join(dir, JOURNAL);
  }

  /** Take ownership of `dir` and read back every committed record. */
  static open(dir: string, fsync: boolean): { journal: Journal; replayed: Replayed } {
    const abs = path.resolve(dir);
    fs.mkdirSync(abs, { recursive: true });
    acquireLock(abs);
    const journal = new Journal(abs, fsync);
    try {
      return { journal, replayed: readJournal(journal.file) };
    } catch (e) {
      journal.releaseLock();
      throw e;
    }
  }

  /** Replace the journal by a compact one describing `state`, atomically (write aside, fsync, rename). */
  compact(records: Op[][]): void {
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      for (const ops of records) fs.writeSync(fd, encode(ops));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    this.syncDir();
    this.fd = fs.openSync(this.file, 'a');
  }

  private syncDir(): void {
    try {
      const d = fs.openSync(this.dir, 'r');
      fs.fsyncSync(d);
      fs.closeSync(d);
    } catch {
      /* some filesystems refuse directory fsync */
    }
  }

  /** One commit = one record, on disk (fsync'd unless disabled for tests) before returning. */
  append(ops: Op[]): void {
    if (this.fd === null) throw new Error('[emulator] journal is closed');
    fs.writeSync(this.fd, encode(ops));
    if (this.fsync) fs.fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
    this.releaseLock();
  }

  private releaseLock(): void {
    if (!ownedHere.delete(this.dir)) return;
    try {
      const lockPath = path.join(this.dir, LOCK);
      if (Number(fs.readFileSync(lockPath, 'utf8').trim()) === process.pid) fs.unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  }
}
