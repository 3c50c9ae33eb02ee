/**
 * h5 first-load budget (`npm run budget:h5`, after `npm run build:h5`): starts the local stack
 * (gateway serving dist-h5/ + seeded emulator, free ports, temp data), opens the home page in
 * chromium at 375×812 as a demo member with an empty cache, and sums the bytes of JavaScript
 * actually transferred (compressed body as sent on the wire) until the page has rendered.
 * Fails above H5_FIRST_LOAD_BUDGET. `--json` prints the measurement as one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness';
import { startStack } from './stack';
import { H5_FIRST_LOAD_BUDGET } from './size-budget';

const ROOT = path.resolve(__dirname, '..');
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export interface FirstLoad {
  /** transferred (encoded) bytes of every script response */
  jsTransferred: number;
  /** decoded (uncompressed) bytes of the same scripts */
  jsDecoded: number;
  files: { url: string; transferred: number; decoded: number; encoding: string }[];
}

export async function measureFirstLoad(url: string, route = '/pages/index/index', openid = 'demo-member-1'): Promise<FirstLoad> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript((id) => {
      localStorage.setItem('sbd.devOpenid', id);
      localStorage.setItem(`sbd.privacyAgreed.v1:${id}`, '1');
    }, openid);
    const page = await context.newPage();
    const pending: Promise<FirstLoad['files'][number] | null>[] = [];
    page.on('requestfinished', (req) => {
      if (req.resourceType() !== 'script') return;
      pending.push(
        (async () => {
          const [sizes, res] = await Promise.all([req.sizes(), req.response()]);
          const body = res ? await res.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
          const encoding = (res && (await res.headerValue('content-encoding'))) || 'identity';
          return { url: req.url().replace(url, ''), transferred: sizes.responseBodySize, decoded: body.length, encoding };
        })(),
      );
    });
    await page.goto(`${url}/#${route}`, { waitUntil: 'networkidle' });
    // the home page has rendered its first card (not only the skeleton)
    await page.getByText('我的报到').first().waitFor({ state: 'visible', timeout: 15000 }).catch(() => undefined);
    await page.waitForLoadState('networkidle');
    const files = (await Promise.all(pending)).filter((f): f is FirstLoad['files'][number] => !!f);
    return { jsTransferred: files.reduce((s, f) => s + f.transferred, 0), jsDecoded: files.reduce((s, f) => s + f.decoded, 0), files };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(ROOT, 'dist-h5', 'index.html'))) {
    console.error('no h5 build in dist-h5/: run `npm run build:h5` first');
    return 1;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-h5-load-'));
  const stack = await startStack({ port: 0, emulatorPort: 0, dataDir, seed: true, timers: false, fsync: false });
  try {
    const r = await measureFirstLoad(stack.url);
    if (process.argv.includes('--json')) console.log(JSON.stringify(r));
    console.log('h5 first load of the home page (JavaScript)');
    for (const f of r.files) console.log(`  ${f.url.padEnd(40)} ${kib(f.transferred).padStart(11)} ${kib(f.decoded).padStart(11)}  ${f.encoding}`);
    const over = r.jsTransferred > H5_FIRST_LOAD_BUDGET;
    console.log(`  ${'total transferred'.padEnd(40)} ${kib(r.jsTransferred).padStart(11)} (decoded ${kib(r.jsDecoded)}), budget ${kib(H5_FIRST_LOAD_BUDGET)}${over ? '  OVER BUDGET' : ''}`);
    return over ? 1 : 0;
  } finally {
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
