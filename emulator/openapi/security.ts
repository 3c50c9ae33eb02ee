/**
 * Content security (`cloud.openapi.security.*`) emulated with rules instead of WeChat's models:
 *
 * - Text: a word list. `<dir>/words.txt` (dir = `DATA_DIR/security/`), one rule per line:
 *   `词语` (risky, label 20001 by default) or `词语<TAB>review|risky<TAB>label`; `#` comments.
 *   Without the file, a small built-in list applies (DEFAULT_WORDS). Matching ignores case and spaces.
 * - Images: the SHA-256 of images marked risky/review in `<dir>/images.json`, plus any image whose
 *   bytes contain the ASCII marker `SBD-RISKY-IMAGE` (so a test can make one without a hook).
 * - Test hooks (also over HTTP, see index.ts): addWords(), markImage(), checks() = what was asked.
 *
 * Answers follow the platform's documented shapes:
 *   msgSecCheck v2 → { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [...], trace_id }
 *   msgSecCheck v1 / imgSecCheck → errcode 87014 'risky content' when not clean, else { errcode: 0 }
 *   mediaCheckAsync v2 → { errcode: 0, trace_id } (the verdict is kept for checks(); no push event locally)
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type Suggest = 'pass' | 'review' | 'risky';
export interface WordRule { word: string; suggest: Exclude<Suggest, 'pass'>; label: number }
export interface Verdict { suggest: Suggest; label: number; keyword?: string }
export interface CheckRecord { at: string; api: string; openid?: string; scene?: number; content?: string; sha256?: string; verdict: Verdict; traceId: string }

/** Labels of msgSecCheck v2: 100 normal, 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 21000 other. */
export const DEFAULT_WORDS: WordRule[] = [
  { word: '法轮功', suggest: 'risky', label: 20001 },
  { word: '代开发票', suggest: 'risky', label: 20008 },
  { word: '网络赌博', suggest: 'risky', label: 20006 },
  { word: '六合彩', suggest: 'risky', label: 20006 },
  { word: '色情服务', suggest: 'risky', label: 20002 },
  { word: '傻逼', suggest: 'risky', label: 20003 },
  { word: '加微信返利', suggest: 'review', label: 10001 },
];

export const RISKY_IMAGE_MARKER = 'SBD-RISKY-IMAGE';
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');

export function parseWords(text: string): WordRule[] {
  const rules: WordRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [word, suggest, label] = line.split('\t');
    if (!word) continue;
    rules.push({ word, suggest: suggest === 'review' ? 'review' : 'risky', label: Number(label) || 20001 });
  }
  return rules;
}

export class ContentRules {
  private extraWords: WordRule[] = [];
  private images = new Map<string, Verdict>();
  private log: CheckRecord[] = [];
  private cached?: { mtime: number; rules: WordRule[] };

  constructor(private readonly dir?: string) {
    if (dir) {
      try {
        const saved = JSON.parse(fs.readFileSync(path.join(dir, 'images.json'), 'utf8')) as Record<string, Verdict>;
        for (const [k, v] of Object.entries(saved)) this.images.set(k, v);
      } catch { /* none yet */ }
    }
  }

  private fileWords(): WordRule[] {
    if (!this.dir) return DEFAULT_WORDS;
    const file = path.join(this.dir, 'words.txt');
    let mtime: number;
    try { mtime = fs.statSync(file).mtimeMs; } catch { return DEFAULT_WORDS; }
    if (this.cached?.mtime !== mtime) this.cached = { mtime, rules: parseWords(fs.readFileSync(file, 'utf8')) };
    return this.cached.rules;
  }

  words(): WordRule[] {
    return [...this.fileWords(), ...this.extraWords];
  }

  /** Test hook: more words for this run (not written to the word list). */
  addWords(rules: WordRule[]): void {
    this.extraWords.push(...rules);
  }

  /** Test hook: an image (by bytes) is risky or needs review; kept in images.json. */
  markImage(image: Buffer, verdict: Verdict = { suggest: 'risky', label: 20002 }): string {
    const sha = createHash('sha256').update(image).digest('hex');
    this.images.set(sha, verdict);
    if (this.dir) {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(path.join(this.dir, 'images.json'), JSON.stringify(Object.fromEntries(this.images)));
    }
    return sha;
  }

  checkText(text: string): Verdict {
    const t = norm(text);
    let worst: Verdict = { suggest: 'pass', label: 100 };
    for (const r of this.words()) {
      if (!t.includes(norm(r.word))) continue;
      if (r.suggest === 'risky') return { suggest: 'risky', label: r.label, keyword: r.word };
      if (worst.suggest === 'pass') worst = { suggest: 'review', label: r.label, keyword: r.word };
    }
    return worst;
  }

  checkImage(image: Buffer): { verdict: Verdict; sha256: string } {
    const sha256 = createHash('sha256').update(image).digest('hex');
    const marked = this.images.get(sha256);
    if (marked) return { verdict: marked, sha256 };
    if (image.includes(RISKY_IMAGE_MARKER)) return { verdict: { suggest: 'risky', label: 20002 }, sha256 };
    return { verdict: { suggest: 'pass', label: 100 }, sha256 };
  }

  record(r: Omit<CheckRecord, 'at' | 'traceId'>): string {
    const traceId = randomBytes(12).toString('hex');
    this.log.push({ ...r, at: new Date().toISOString(), traceId });
    if (this.log.length > 1000) this.log = this.log.slice(-1000);
    return traceId;
  }

  /** What was checked (newest last), for tests and the local console. */
  checks(): CheckRecord[] {
    return [...this.log];
  }

  clear(): void {
    this.extraWords = [];
    this.log = [];
  }
}
