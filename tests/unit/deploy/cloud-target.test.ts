/**
 * The real CloudTarget (scripts/deploy/cloud.ts) against a fake of the two libraries that keeps
 * state the way the cloud answers it (index keys as Name/Direction strings, rules as JSON text,
 * timer triggers as {"cron": …}, env variables as Key/Value lists, paging). Proves the round trip
 * request → state → read back: after one deploy, the plan read through CloudTarget is empty.
 * The libraries' own types are checked by tsc against scripts/deploy/cloud.ts; this checks behaviour.
 */
import path from 'node:path';
import { collections } from '../../../core/db/schema';
import { configFor, listFunctions } from '../../../scripts/build-functions';
import { desiredState } from '../../../scripts/deploy/desired';
import { diff, renderPlan } from '../../../scripts/deploy/plan';
import { deploy } from '../../../scripts/deploy/target';

interface Fn { Runtime: string; Timeout: number; Description: string; Variables: Array<{ Key: string; Value: string }>; Triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }> }
const cloud = {
  tables: new Map<string, Array<{ Name: string; Unique: boolean; Keys: Array<{ Name: string; Direction: string }> }>>(),
  rules: new Map<string, { Permission: string; SecurityRule?: string }>(),
  fns: new Map<string, Fn>(),
  calls: [] as string[],
  invoked: [] as string[],
  triggerAnswer: '创建定时触发器成功',
};

jest.mock('@cloudbase/manager-node', () => {
  const page = <T>(all: T[], offset: number, limit: number) => all.slice(offset, offset + limit);
  return class FakeCloudBase {
    database = {
      listCollections: async ({ MgoOffset = 0, MgoLimit = 100 }: { MgoOffset?: number; MgoLimit?: number }) => ({
        RequestId: 'r', Collections: page([...cloud.tables.keys()], MgoOffset, MgoLimit).map((n) => ({ CollectionName: n, TableName: n })),
        Pager: { Offset: MgoOffset, Limit: MgoLimit, Total: cloud.tables.size },
      }),
      describeCollection: async (name: string) => ({ RequestId: 'r', Indexes: [{ Name: '_id_', Unique: true, Keys: [{ Name: '_id', Direction: '1' }] }, ...cloud.tables.get(name)!] }),
      createCollectionIfNotExists: async (name: string) => { cloud.calls.push(`createCollection ${name}`); cloud.tables.set(name, []); },
      updateCollection: async (name: string, req: { CreateIndexes?: Array<{ IndexName: string; MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: string }> } }>; DropIndexes?: Array<{ IndexName: string }> }) => {
        cloud.calls.push(`updateCollection ${name}`);
        let ix = cloud.tables.get(name)!.filter((i) => !(req.DropIndexes ?? []).some((d) => d.IndexName === i.Name));
        for (const c of req.CreateIndexes ?? []) {
          if (ix.some((i) => i.Name === c.IndexName)) throw new Error(`index ${c.IndexName} exists`);
          ix = [...ix, { Name: c.IndexName, Unique: c.MgoKeySchema.MgoIsUnique, Keys: c.MgoKeySchema.MgoIndexKeys }];
        }
        cloud.tables.set(name, ix);
      },
    };
    permission = {
      describeResourcePermission: async ({ resources }: { resources: string[] }) => {
        if (resources.length > 100) throw new Error('resources length must be <= 100');
        return { RequestId: 'r', Data: { TotalCount: resources.length, PermissionList: resources.map((r) => ({ Resource: r, ResourceType: 'collection', ...(cloud.rules.get(r) ?? { Permission: 'PRIVATE' }) })) } };
      },
      modifyResourcePermission: async (o: { resource: string; permission: string; securityRule?: string }) => {
        cloud.calls.push(`rule ${o.resource}`);
        cloud.rules.set(o.resource, { Permission: o.permission, SecurityRule: o.securityRule });
      },
    };
    functions = {
      getFunctionList: async (limit: number, offset: number) => ({ RequestId: 'r', TotalCount: cloud.fns.size, Functions: page([...cloud.fns.keys()], offset, limit).map((n) => ({ FunctionName: n })) }),
      getFunctionDetail: async (name: string) => {
        const f = cloud.fns.get(name)!;
        return { FunctionName: name, Runtime: f.Runtime, Timeout: f.Timeout, Description: f.Description, Environment: { Variables: f.Variables }, Triggers: f.Triggers };
      },
      createFunction: async ({ func, functionRootPath }: { func: { name: string; runtime: string; timeout: number; envVariables: Record<string, string>; description: string }; functionRootPath: string }) => {
        cloud.calls.push(`createFunction ${func.name} from ${path.basename(functionRootPath)}`);
        cloud.fns.set(func.name, { Runtime: func.runtime, Timeout: func.timeout, Description: func.description, Variables: Object.entries(func.envVariables).map(([Key, Value]) => ({ Key, Value })), Triggers: [] });
      },
      updateFunctionConfig: async (f: { name: string; timeout: number; envVariables: Record<string, string>; description: string }) => {
        cloud.calls.push(`config ${f.name}`);
        Object.assign(cloud.fns.get(f.name)!, { Timeout: f.timeout, Description: f.description, Variables: Object.entries(f.envVariables).map(([Key, Value]) => ({ Key, Value })) });
      },
      waitFunctionActive: async () => undefined,
      deleteFunctionTrigger: async (name: string, trigger: string) => {
        cloud.calls.push(`deleteTrigger ${name}.${trigger}`);
        const f = cloud.fns.get(name)!;
        f.Triggers = f.Triggers.filter((t) => t.TriggerName !== trigger);
      },
      invokeFunction: async (name: string) => {
        cloud.invoked.push(name);
        return { RequestId: 'r', RetMsg: JSON.stringify({ ok: true, data: {} }), ErrMsg: '', Log: '' };
      },
    };
  };
});

jest.mock('miniprogram-ci', () => ({
  Project: class { constructor(public options: unknown) {} },
  cloud: {
    uploadFunction: async (o: { name: string; path: string; env: string; remoteNpmInstall: boolean }) => {
      cloud.calls.push(`uploadFunction ${o.name} ${o.env} npm=${o.remoteNpmInstall}`);
      return { filesCount: 3, packSize: 1 };
    },
    createTimeTrigger: async (o: { functionName: string; envId: string; triggersConfig: Array<{ name: string; type: string; config: string }> }) => {
      if (cloud.triggerAnswer !== '创建定时触发器成功') return cloud.triggerAnswer;
      const f = cloud.fns.get(o.functionName)!;
      for (const t of o.triggersConfig) {
        if (f.Triggers.some((x) => x.TriggerName === t.name)) return '请检查传入的 triggersConfig 是否符合格式';
        f.Triggers.push({ TriggerName: t.name, Type: t.type, TriggerDesc: JSON.stringify({ cron: t.config }) });
      }
      cloud.calls.push(`createTimeTrigger ${o.functionName}`);
      return cloud.triggerAnswer;
    },
  },
  upload: async (o: { version: string; desc: string }) => { cloud.calls.push(`upload ${o.version} ${o.desc}`); return { subPackageInfo: [] }; },
}));

// imported after the mocks are declared (jest hoists jest.mock above imports anyway)
import { CloudTarget } from '../../../scripts/deploy/cloud';

const root = path.join(__dirname, '..', '..', '..');
const srcDir = path.join(root, 'functions');
const names = listFunctions(srcDir);
const desired = (over: Partial<Parameters<typeof desiredState>[0]> = {}) => desiredState({
  collections,
  functions: names.map((name) => ({ name, dir: path.join(root, 'cloudfunctions', name), config: configFor(srcDir, name), codeHash: `h-${name}` })),
  ...over,
});
const target = () => new CloudTarget({ envId: 'prod-1', appid: 'wx1', privateKeyPath: '/k', secretId: 'id', secretKey: 'key' }, root, () => undefined);

beforeEach(() => {
  cloud.tables.clear(); cloud.rules.clear(); cloud.fns.clear(); cloud.calls = []; cloud.invoked = [];
  cloud.triggerAnswer = '创建定时触发器成功';
});

test('first deploy through the libraries, read back: nothing left; second deploy makes no call', async () => {
  const t = target();
  const first = await deploy(t, desired({ superAdmins: ['oSuper00001'] }), () => undefined);
  expect(first.remaining.steps).toEqual([]);
  expect([...cloud.tables.keys()]).toEqual(collections.map((c) => c.name));
  expect(cloud.calls.filter((c) => c.startsWith('rule '))).toHaveLength(collections.length);
  expect(cloud.calls.filter((c) => c.startsWith('createFunction '))).toEqual(names.map((n) => `createFunction ${n} from cloudfunctions`));
  expect(cloud.fns.get('reconcile')!.Triggers).toEqual([{ TriggerName: 'nightly', Type: 'timer', TriggerDesc: '{"cron":"0 0 3 * * * *"}' }]);
  expect(cloud.fns.get('bootstrap')!.Variables).toEqual([{ Key: 'SUPER_ADMIN_OPENIDS', Value: 'oSuper00001' }]);
  expect(cloud.invoked).toEqual(['bootstrap']);

  cloud.calls = []; cloud.invoked = [];
  const said: string[] = [];
  const second = await deploy(t, desired({ superAdmins: ['oSuper00001'] }), (l) => said.push(l));
  expect(second.plan.steps).toEqual([]);
  expect(cloud.calls).toEqual([]);
  expect(cloud.invoked).toEqual([]);
  expect(said[0]).toMatch(/^nothing to change/);
});

test('more than one page of collections and functions is read', async () => {
  for (let i = 0; i < 130; i++) cloud.tables.set(`old${i}`, []);
  const state = await target().read();
  expect(Object.keys(state.collections)).toHaveLength(130);
});

test('changed code goes through miniprogram-ci uploadFunction, then the hash is recorded; a new schedule replaces the trigger', async () => {
  const t = target();
  await deploy(t, desired(), () => undefined);
  cloud.calls = [];
  cloud.fns.get('reconcile')!.Triggers = [{ TriggerName: 'nightly', Type: 'timer', TriggerDesc: '{"cron":"0 0 4 * * * *"}' }];
  const changed = desiredState({
    collections,
    functions: names.map((name) => ({ name, dir: path.join(root, 'cloudfunctions', name), config: configFor(srcDir, name), codeHash: name === 'org' ? 'h-org-2' : `h-${name}` })),
  });
  const res = await deploy(t, changed, () => undefined);
  expect(res.remaining.steps).toEqual([]);
  expect(cloud.calls).toEqual(['uploadFunction org prod-1 npm=true', 'config org', 'deleteTrigger reconcile.nightly', 'createTimeTrigger reconcile']);
  expect(renderPlan(diff(changed, await t.read()))).toEqual(['nothing to change: the environment matches core/db/schema.ts and functions/*/config.json']);
});

test('createTimeTrigger answers failure as a sentence: the deploy stops with it', async () => {
  cloud.triggerAnswer = '请检查传入的 triggersConfig 是否符合格式';
  await expect(deploy(target(), desired(), () => undefined)).rejects.toThrow(/^trigger \w+: 请检查传入的 triggersConfig 是否符合格式$/);
});

test('the mini-program upload goes through miniprogram-ci upload with the version and description', async () => {
  const t = target();
  await deploy(t, desired({ miniProgram: { version: '1.0.0', desc: '首次发布' } }), () => undefined);
  expect(cloud.calls[cloud.calls.length - 1]).toBe('upload 1.0.0 首次发布');
});
