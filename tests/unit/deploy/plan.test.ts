/**
 * The deploy plan: derived from core/db/schema.ts and functions/<name>/config.json (nothing listed
 * by hand), applied through a target, idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { collections, type CollectionSpec } from '../../../core/db/schema';
import { configFor, listFunctions } from '../../../scripts/build-functions';
import { desiredState, type FunctionSource } from '../../../scripts/deploy/desired';
import { diff, emptyState, renderPlan, stepLine, type DesiredState, type EnvState } from '../../../scripts/deploy/plan';
import { deploy } from '../../../scripts/deploy/target';
import { MemoryTarget } from './memory-target';

const root = path.join(__dirname, '..', '..', '..');
const srcDir = path.join(root, 'functions');
const names = listFunctions(srcDir);
const sources = (hash = (n: string) => `hash-${n}`): FunctionSource[] =>
  names.map((name) => ({ name, dir: path.join(root, 'cloudfunctions', name), config: configFor(srcDir, name), codeHash: hash(name) }));
const desired = (over: Partial<Parameters<typeof desiredState>[0]> = {}): DesiredState =>
  desiredState({ collections, functions: sources(), ...over });
const lines = (d: DesiredState, s: EnvState = emptyState()) => renderPlan(diff(d, s));

async function synced(d: DesiredState = desired()): Promise<MemoryTarget> {
  const t = new MemoryTarget();
  await deploy(t, d, () => undefined);
  return t;
}

test('the plan for a fresh environment is exactly the schema and the function configs', () => {
  const plan = diff(desired(), emptyState());
  const kinds = (k: string) => plan.steps.filter((s) => s.kind === k);
  expect(kinds('create-collection').map((s) => s.kind === 'create-collection' && s.collection)).toEqual(collections.map((c) => c.name));
  expect(kinds('create-index')).toHaveLength(collections.reduce((n, c) => n + c.indexes.length, 0));
  expect(kinds('set-rule').map((s) => s.kind === 'set-rule' && s.rule)).toEqual(collections.map(() => ({ read: false, write: false })));
  expect(kinds('create-function').map((s) => s.kind === 'create-function' && s.fn.name)).toEqual(names);
  for (const name of names) {
    const config = configFor(srcDir, name);
    const step = plan.steps.find((s) => s.kind === 'create-function' && s.fn.name === name);
    expect(step).toMatchObject({ fn: { timeout: config.timeout, envVariables: config.envVariables ?? {} } });
    const triggers = plan.steps.filter((s) => s.kind === 'set-triggers' && s.name === name);
    expect(triggers.flatMap((s) => (s.kind === 'set-triggers' ? s.triggers : []))).toEqual(config.triggers ?? []);
  }
  // at least the nightly reconcile timer is among them (from functions/reconcile/config.json)
  expect(lines(desired())).toContain('+ trigger reconcile.nightly timer "0 0 3 * * * *"');
  expect(plan.notes).toEqual([]);
  expect(kinds('run-bootstrap')).toEqual([]);
  expect(kinds('upload-miniprogram')).toEqual([]);
});

test('adding an index to the schema adds exactly one plan line, on a fresh and on a synced environment', async () => {
  const extra: CollectionSpec[] = collections.map((c) => (c.name === 'tasks'
    ? { ...c, indexes: [...c.indexes, { name: 'creator', keys: { createdBy: 1, createdAt: -1 } }] }
    : c));
  const before = lines(desired());
  const after = lines(desired({ collections: extra }));
  expect(after.filter((l) => !before.includes(l))).toEqual(['+ index tasks.creator [createdBy ↑, createdAt ↓]']);
  expect(before.filter((l) => !after.includes(l))).toEqual([]);
  expect(after).toHaveLength(before.length + 1);

  const t = await synced();
  expect(lines(desired({ collections: extra }), await t.read())).toEqual(['+ index tasks.creator [createdBy ↑, createdAt ↓]']);
});

test('deploy applies the plan; planning again is empty and a second deploy changes nothing and says so', async () => {
  const t = new MemoryTarget();
  const first = await deploy(t, desired(), () => undefined);
  expect(t.applied).toEqual(first.plan.steps);
  expect(first.remaining.steps).toEqual([]);
  expect(diff(desired(), await t.read()).steps).toEqual([]);

  const said: string[] = [];
  t.applied = [];
  const second = await deploy(t, desired(), (l) => said.push(l));
  expect(second.plan.steps).toEqual([]);
  expect(t.applied).toEqual([]);
  expect(said).toEqual(['nothing to change: the environment matches core/db/schema.ts and functions/*/config.json']);
});

test('a new collection, index or function from another change shows up without touching the deploy code', async () => {
  const t = await synced();
  const grown = desiredState({
    collections: [...collections, { name: 'newFeatureItems', rule: { read: false, write: false }, indexes: [{ name: 'community', keys: { communityId: 1 } }] }],
    functions: [...sources(), { name: 'newFeature', dir: '/x/newFeature', codeHash: 'h-newFeature', config: { timeout: 20, permissions: { openapi: [] }, triggers: [{ name: 'drain', type: 'timer', config: '0 */5 * * * * *' }] } }],
  });
  expect(lines(grown, await t.read())).toEqual([
    '+ collection newFeatureItems',
    '+ index newFeatureItems.community [communityId ↑]',
    '~ rule newFeatureItems (default) → {"read":false,"write":false}',
    '+ function newFeature (code h-newFeature, timeout 20s)',
    '+ trigger newFeature.drain timer "0 */5 * * * * *"',
  ]);
});

test('changed code uploads and re-records the hash; a changed config only reconfigures', async () => {
  const t = await synced();
  const newCode = desiredState({ collections, functions: sources((n) => (n === 'org' ? 'hash-org-2' : `hash-${n}`)) });
  expect(lines(newCode, await t.read())).toEqual(['~ function org code → hash-org-2', '~ function org config (records code hash)']);
  await deploy(t, newCode, () => undefined);
  expect(diff(newCode, await t.read()).steps).toEqual([]);

  const slower = desiredState({ collections, functions: sources().map((f) => (f.name === 'org' ? { ...f, codeHash: 'hash-org-2', config: { ...f.config, timeout: 30 } } : f)) });
  expect(lines(slower, await t.read())).toEqual(['~ function org config: timeout 10s → 30s']);
});

test('env variables: values from the deploying shell are set, an operator\'s console value is kept when config leaves it empty', async () => {
  const t = await synced();
  const member = t.state.functions.member;
  member.envVariables.SUBSCRIBE_TPL_REPORT_RESULT = 'tpl-set-in-console';
  expect(diff(desired(), await t.read()).steps).toEqual([]);

  const withValue = desired({ values: { SUBSCRIBE_TPL_REPORT_REMINDER: 'tpl-from-shell', PATH: '/usr/bin' } });
  const plan = lines(withValue, await t.read());
  const declaring = names.filter((n) => 'SUBSCRIBE_TPL_REPORT_REMINDER' in (configFor(srcDir, n).envVariables ?? {}));
  expect(plan).toEqual(declaring.map((n) => `~ function ${n} config: env SUBSCRIBE_TPL_REPORT_REMINDER changed`));
  await deploy(t, withValue, () => undefined);
  expect(t.state.functions.member.envVariables).toMatchObject({ SUBSCRIBE_TPL_REPORT_RESULT: 'tpl-set-in-console', SUBSCRIBE_TPL_REPORT_REMINDER: 'tpl-from-shell' });
  expect(t.state.functions.member.envVariables).not.toHaveProperty('PATH'); // only declared variables travel
});

test('--super-admin adds the OPENID to bootstrap\'s SUPER_ADMIN_OPENIDS and runs bootstrap once', async () => {
  const t = await synced();
  t.state.functions.bootstrap.envVariables.SUPER_ADMIN_OPENIDS = 'oFirst000001';
  const d = desired({ superAdmins: ['oSecond00002'] });
  expect(lines(d, await t.read())).toEqual([
    '~ function bootstrap config: env SUPER_ADMIN_OPENIDS changed',
    '! run bootstrap (writes super admin oSec…0002 into admins)',
  ]);
  await deploy(t, d, () => undefined);
  expect(t.state.functions.bootstrap.envVariables.SUPER_ADMIN_OPENIDS).toBe('oFirst000001,oSecond00002');
  expect(t.applied.filter((s) => s.kind === 'run-bootstrap')).toHaveLength(1);
  expect(diff(d, await t.read()).steps).toEqual([]); // already there: no second bootstrap run

  // on a fresh environment bootstrap runs after its function exists
  const fresh = diff(desired({ superAdmins: ['oSecond00002'] }), emptyState()).steps.map((s) => s.kind);
  expect(fresh.indexOf('run-bootstrap')).toBeGreaterThan(fresh.lastIndexOf('create-function'));
});

test('what the environment has beyond the code is reported, never removed', async () => {
  const t = await synced();
  t.state.collections.legacy = { indexes: [], rule: null };
  t.state.collections.tasks.indexes.push({ name: 'old', keys: { title: 1 } }, { name: '_id_', keys: { _id: 1 } });
  t.state.functions.legacyFn = { codeHash: null, runtime: 'Nodejs16.13', timeout: 3, envVariables: {}, triggers: [] };
  t.state.functions.org.envVariables.DEBUG = '1';
  t.state.functions.reconcile.triggers.push({ name: 'hourly', type: 'timer', config: '0 0 * * * * *' });
  const plan = diff(desired(), await t.read());
  expect(plan.steps).toEqual([]);
  expect(renderPlan(plan)).toEqual([
    'nothing to change: the environment matches core/db/schema.ts and functions/*/config.json',
    '? extra index tasks.old [title ↑] (not in core/db/schema.ts; left alone)',
    '? extra collection legacy (not in core/db/schema.ts; left alone)',
    '? extra env org.DEBUG (not in functions/org/config.json; kept)',
    '? extra trigger reconcile.hourly "0 0 * * * * *" (not in config.json; left alone)',
    '? extra function legacyFn (not in functions/; left alone)',
  ]);
});

test('drift is repaired: an opened rule, a changed index, a changed schedule, an old runtime', async () => {
  const t = await synced();
  t.state.collections.ledger.rule = { read: true, write: false };
  t.state.collections.units.indexes = t.state.collections.units.indexes.map((i) => (i.name === 'invite' ? { ...i, unique: undefined } : i));
  t.state.functions.reconcile.triggers = [{ name: 'nightly', type: 'timer', config: '0 0 4 * * * *' }];
  t.state.functions.points.runtime = 'Nodejs8.9';
  const plan = diff(desired(), await t.read());
  expect(renderPlan(plan)).toEqual([
    '~ index units.invite [inviteCode ↑] → [inviteCode ↑] unique (dropped and created again)',
    '~ rule ledger {"read":true,"write":false} → {"read":false,"write":false}',
    '~ trigger reconcile.nightly timer "0 0 3 * * * *" (replaces nightly)',
    '? function points runs Nodejs8.9; the bundle targets node16: delete it in the console and deploy again',
  ]);
  await deploy(t, desired(), () => undefined);
  expect(diff(desired(), await t.read()).steps).toEqual([]);
});

test('the mini-program upload is an action at the end, planned only when asked', () => {
  const plan = diff(desired({ miniProgram: { version: '1.2.0', desc: '报到码海报' } }), emptyState());
  expect(stepLine(plan.steps[plan.steps.length - 1])).toBe('! upload mini-program version 1.2.0: 报到码海报');
});

test('docs/DEPLOY.md: no hand-copied index table to drift; every declared function variable is explained', () => {
  const doc = fs.readFileSync(path.join(root, 'docs', 'DEPLOY.md'), 'utf8');
  // the manual path takes the index list from the plan, which names every index of the schema
  expect(doc).toContain('npm run deploy -- --plan');
  for (const c of collections) expect(doc.split('\n').some((l) => l.startsWith(`| \`${c.name}\` |`))).toBe(false);
  const planned = lines(desired());
  for (const c of collections) for (const ix of c.indexes) expect(planned.some((l) => l.startsWith(`+ index ${c.name}.${ix.name} [`))).toBe(true);
  const declared = [...new Set(names.flatMap((n) => Object.keys(configFor(srcDir, n).envVariables ?? {})))];
  const unexplained = declared.filter((v) => !doc.split('\n').some((l) => l.startsWith(`| \`${v}\` |`)));
  expect(unexplained).toEqual([]); // add a row to the variables table of docs/DEPLOY.md
});

test('--reupload uploads every function once even where the hash matches; the read-back is clean', async () => {
  const t = await synced();
  const d = desired({ reuploadCode: true });
  const kinds = diff(d, await t.read()).steps.map((s) => s.kind);
  expect(kinds.filter((k) => k === 'upload-code')).toHaveLength(names.length);
  expect(kinds.filter((k) => k !== 'upload-code' && k !== 'configure-function')).toEqual([]);
  const res = await deploy(t, d, () => undefined);
  expect(res.remaining.steps).toEqual([]);
});
