/**
 * Draws the tab bar icons (81×81 PNG, normal #666666 and active #C8102E) from the SVG outlines
 * below with headless chromium, into src/assets/tab/. Run once after changing a shape:
 * `npx tsx scripts/tab-icons.ts`. The PNGs are committed; the build never runs this.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ICONS: Record<string, string> = {
  // 首页: a house with a door
  home: '<path d="M12 35 L40.5 12 L69 35" /><path d="M19 30 V66 H62 V30" /><path d="M34 66 V48 H47 V66" />',
  // 任务: a clipboard with checked lines
  tasks: '<rect x="18" y="16" width="45" height="52" rx="5" /><path d="M32 12 H49 V21 H32 Z" /><path d="M28 37 L32 41 L39 33" /><path d="M45 38 H54" /><path d="M28 53 L32 57 L39 49" /><path d="M45 54 H54" />',
  // 积分: a medal on a ribbon
  points: '<path d="M29 12 L36 30 M52 12 L45 30" /><circle cx="40.5" cy="48" r="19" /><path d="M40.5 38 L43.5 44.5 L50.5 45.3 L45.3 50 L46.7 57 L40.5 53.5 L34.3 57 L35.7 50 L30.5 45.3 L37.5 44.5 Z" />',
  // 我的: a person
  mine: '<circle cx="40.5" cy="28" r="13" /><path d="M15 68 C15 53 26 45 40.5 45 C55 45 66 53 66 68" />',
};
const COLORS = { '': '#666666', '-active': '#C8102E' };

async function main(): Promise<void> {
  const out = path.resolve(__dirname, '../src/assets/tab');
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [ // playwright launches with its own fresh temporary profile
    '--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 });
    for (const [name, shape] of Object.entries(ICONS)) {
      for (const [suffix, color] of Object.entries(COLORS)) {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81" fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`;
        await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
        await page.screenshot({ path: path.join(out, `${name}${suffix}.png`), omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } });
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`tab icons written to ${out}`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
