/**
 * The real target's translation between @cloudbase/manager-node answers/requests and the deploy
 * state (types come from the package's own method signatures), the CLI's arguments, and the rule
 * that deploy libraries never reach an app or function bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from '../../../scripts/deploy/cli';
import { credentialsFrom, hasCredentials } from '../../../scripts/deploy/credentials';
import {
  createIndexRequest, cronOf, describeHash, functionFromInfo, hashFromDescription, indexesFromTable, rulesFromPermissions,
  type FunctionInfo, type TableInfo,
} from '../../../scripts/deploy/from-api';

const root = path.join(__dirname, '..', '..', '..');

test('indexes: a created index reads back as the same spec', () => {
  const spec = { name: 'community', keys: { year: 1, communityId: 1, points: -1 } as Record<string, 1 | -1>, unique: true };
  const req = createIndexRequest(spec);
  expect(req).toEqual({ CreateIndexes: [{ IndexName: 'community', MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [
    { Name: 'year', Direction: '1' }, { Name: 'communityId', Direction: '1' }, { Name: 'points', Direction: '-1' },
  ] } }] });
  const table = { RequestId: 'r', Indexes: req.CreateIndexes!.map((c) => ({
    Name: c.IndexName, Size: 0, Unique: c.MgoKeySchema.MgoIsUnique, Accesses: { Ops: 0, Since: '' },
    Keys: c.MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: k.Direction })),
  })) } as TableInfo;
  expect(indexesFromTable(table)).toEqual([spec]);
  expect(createIndexRequest(spec, 'community').DropIndexes).toEqual([{ IndexName: 'community' }]);
});

test('rules: only a custom {read,write} rule counts as known; anything else is replaced', () => {
  expect(rulesFromPermissions([
    { Resource: 'ledger', Permission: 'CUSTOM', SecurityRule: '{"read":false,"write":false}' },
    { Resource: 'orgs', Permission: 'CUSTOM', SecurityRule: '{"read":"doc._openid == auth.openid","write":false}' },
    { Resource: 'units', Permission: 'READONLY' },
    { Resource: 'inbox', Permission: 'CUSTOM', SecurityRule: 'not json' },
  ])).toEqual({ ledger: { read: false, write: false }, orgs: null, units: null, inbox: null });
});

test('functions: hash from the description, env and timer triggers from GetFunction', () => {
  expect(hashFromDescription(describeHash('abc123'))).toBe('abc123');
  expect(hashFromDescription('uploaded from DevTools')).toBeNull();
  expect(cronOf('{"cron":"0 0 3 * * * *"}')).toBe('0 0 3 * * * *');
  expect(cronOf('0 0 3 * * * *')).toBe('0 0 3 * * * *');
  const info = {
    Description: describeHash('h1'), Runtime: 'Nodejs16.13', Timeout: 60,
    Environment: { Variables: [{ Key: 'SUPER_ADMIN_OPENIDS', Value: 'o1' }] },
    Triggers: [
      { Name: '', TriggerName: 'nightly', Type: 'timer', TriggerDesc: '{"cron":"0 0 3 * * * *"}', Config: '' },
      { Name: '', TriggerName: 'api', Type: 'apigw', TriggerDesc: '{}', Config: '' },
    ],
  } as unknown as FunctionInfo;
  expect(functionFromInfo(info)).toEqual({
    codeHash: 'h1', runtime: 'Nodejs16.13', timeout: 60, envVariables: { SUPER_ADMIN_OPENIDS: 'o1' },
    triggers: [{ name: 'nightly', type: 'timer', config: '0 0 3 * * * *' }],
  });
});

test('credentials come from environment variables and a missing one is named', () => {
  expect(() => credentialsFrom({ WX_APPID: 'wx1' }, 'prod')).toThrow('missing credentials: set WX_UPLOAD_KEY_PATH, TCB_SECRET_ID, TCB_SECRET_KEY');
  const env = { WX_APPID: 'wx1', WX_UPLOAD_KEY_PATH: 'k.key', TCB_SECRET_ID: 'id', TCB_SECRET_KEY: 'key' };
  expect(hasCredentials(env)).toBe(true);
  expect(credentialsFrom(env, 'prod')).toMatchObject({ envId: 'prod', appid: 'wx1', privateKeyPath: path.resolve('k.key') });
});

test('arguments: --env is required unless --plan; bad OPENIDs and versions are refused', () => {
  expect(() => parseArgs([])).toThrow('--env <env-id> is required');
  expect(parseArgs(['--plan'])).toMatchObject({ plan: true, superAdmins: [] });
  expect(parseArgs(['--env', 'prod', '--super-admin', 'oAbc_123-x', '--upload', '1.2.0', '--desc', '新版'])).toMatchObject({
    env: 'prod', superAdmins: ['oAbc_123-x'], upload: { version: '1.2.0', desc: '新版' },
  });
  expect(() => parseArgs(['--env', 'prod', '--super-admin', 'o1;drop'])).toThrow('not an OPENID');
  expect(() => parseArgs(['--env', 'prod', '--upload', 'latest'])).toThrow('a version like 1.0.3');
  expect(() => parseArgs(['--env'])).toThrow('--env needs a value');
  expect(() => parseArgs(['--env', 'prod', '--force'])).toThrow('unknown argument --force');
});

test('deploy libraries are dev dependencies used only by scripts/deploy', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  for (const lib of ['miniprogram-ci', '@cloudbase/manager-node']) {
    expect(pkg.devDependencies[lib]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies[lib]).toBeUndefined();
  }
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules') walk(p); continue; }
      if (/\.(tsx?|js)$/.test(e.name) && /from '(miniprogram-ci|@cloudbase\/manager-node)'|require\("(miniprogram-ci|@cloudbase\/manager-node)"\)/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(root, p));
    }
  };
  ['src', 'functions', 'core', 'emulator', 'cloudfunctions'].forEach((d) => fs.existsSync(path.join(root, d)) && walk(path.join(root, d)));
  expect(offenders).toEqual([]);
});
