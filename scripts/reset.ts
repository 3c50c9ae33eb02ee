/**
 * `npm run reset`: wipes the local database (DATA_DIR, default .data/). The next `npm start`
 * starts from an empty environment and seeds the demo data again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './build-functions';

const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'));
// Never wipe something that is obviously not a data dir (/, the repo, $HOME).
const forbidden = [path.parse(dataDir).root, ROOT, process.env.HOME ?? ''].filter(Boolean).map((p) => path.resolve(p));
if (forbidden.includes(dataDir)) {
  console.error(`refusing to wipe ${dataDir}`);
  process.exit(1);
}
if (!fs.existsSync(dataDir)) {
  console.log(`${dataDir} does not exist: nothing to reset.`);
} else {
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`wiped ${dataDir}: the next \`npm start\` seeds fresh demo data.`);
}
