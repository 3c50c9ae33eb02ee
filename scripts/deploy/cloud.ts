/**
 * The real deploy target: a WeChat cloud (CloudBase) environment.
 *  - miniprogram-ci (WeChat's CI module, signs with the mini-program's code upload key):
 *    function code (`cloud.uploadFunction`), timer triggers (`cloud.createTimeTrigger`), the
 *    mini-program version (`upload`);
 *  - @cloudbase/manager-node (Tencent Cloud API key): collections, indexes, security rules,
 *    function configuration (timeout, env variables), creating a function, invoking bootstrap.
 * Only scripts/deploy loads this file (dev dependencies; never part of an app or function bundle).
 */
import path from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import * as ci from 'miniprogram-ci';
import type { DesiredFunction, EnvState, Step } from './plan';
import type { Credentials } from './credentials';
import type { DeployTarget } from './target';
import { createIndexRequest, describeHash, functionFromInfo, indexesFromTable, rulesFromPermissions } from './from-api';

/** The bundles target node16 (scripts/build-functions.ts); miniprogram-ci alone would create Nodejs8.9. */
export const FUNCTION_RUNTIME = 'Nodejs16.13';

const PAGE = 100;

export class CloudTarget implements DeployTarget {
  private readonly app: CloudBase;
  private readonly project: ci.Project;

  constructor(private readonly creds: Credentials, root: string, private readonly log: (line: string) => void = console.log) {
    this.app = new CloudBase({ secretId: creds.secretId, secretKey: creds.secretKey, envId: creds.envId, region: creds.region });
    this.project = new ci.Project({
      appid: creds.appid,
      type: 'miniProgram',
      projectPath: root, // project.config.json there points at dist/ (miniprogramRoot)
      privateKeyPath: creds.privateKeyPath,
      ignores: ['node_modules/**/*', 'cloudfunctions/**/*', 'functions/**/*', '.data*/**/*', 'dist-h5/**/*'],
    });
  }

  async read(): Promise<EnvState> {
    const db = this.app.database;
    const names: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await db.listCollections({ MgoOffset: offset, MgoLimit: PAGE });
      names.push(...page.Collections.map((c) => c.CollectionName));
      if (!page.Collections.length || names.length >= page.Pager.Total) break;
    }
    const rules: Record<string, ReturnType<typeof rulesFromPermissions>[string]> = {};
    for (let i = 0; i < names.length; i += PAGE) {
      const res = await this.app.permission.describeResourcePermission({ resourceType: 'collection', resources: names.slice(i, i + PAGE) });
      Object.assign(rules, rulesFromPermissions(res.Data.PermissionList ?? []));
    }
    const state: EnvState = { collections: {}, functions: {} };
    for (const name of names) {
      state.collections[name] = { indexes: indexesFromTable(await db.describeCollection(name)), rule: rules[name] ?? null };
    }

    const fnNames: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.app.functions.getFunctionList(PAGE, offset);
      fnNames.push(...page.Functions.map((f) => f.FunctionName));
      if (!page.Functions.length || fnNames.length >= page.TotalCount) break;
    }
    for (const name of fnNames) state.functions[name] = functionFromInfo(await this.app.functions.getFunctionDetail(name));
    return state;
  }

  async apply(step: Step): Promise<void> {
    const db = this.app.database;
    const fns = this.app.functions;
    switch (step.kind) {
      case 'create-collection':
        await db.createCollectionIfNotExists(step.collection);
        return;
      case 'create-index':
        await db.updateCollection(step.collection, createIndexRequest(step.index));
        return;
      case 'replace-index':
        await db.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.was.name }] });
        await db.updateCollection(step.collection, createIndexRequest(step.index));
        return;
      case 'set-rule':
        // a custom rule equal to the schema's; functions use admin rights and are not bound by it
        await this.app.permission.modifyResourcePermission({
          resourceType: 'collection', resource: step.collection, permission: 'CUSTOM', securityRule: JSON.stringify(step.rule),
        });
        return;
      case 'create-function':
        await this.createFunction(step.fn);
        return;
      case 'upload-code':
        await ci.cloud.uploadFunction({ project: this.project, env: this.creds.envId, name: step.fn.name, path: step.fn.dir, remoteNpmInstall: true });
        await fns.waitFunctionActive(step.fn.name);
        return;
      case 'configure-function':
        await fns.updateFunctionConfig({
          name: step.name, timeout: step.timeout, envVariables: step.envVariables, description: describeHash(step.codeHash),
        });
        await fns.waitFunctionActive(step.name);
        return;
      case 'set-triggers': {
        for (const name of step.replace) await fns.deleteFunctionTrigger(step.name, name);
        const answer = await ci.cloud.createTimeTrigger({
          project: this.project, envId: this.creds.envId, functionName: step.name, triggersConfig: step.triggers,
        });
        // it answers a sentence instead of throwing
        if (answer !== '创建定时触发器成功') throw new Error(`trigger ${step.name}: ${answer}`);
        return;
      }
      case 'run-bootstrap': {
        const res = await fns.invokeFunction('bootstrap', {});
        const ret = JSON.parse(res.RetMsg || 'null') as { ok?: boolean; message?: string } | null;
        if (!ret?.ok) throw new Error(`bootstrap answered ${res.RetMsg || res.ErrMsg}`);
        return;
      }
      case 'upload-miniprogram': {
        const result = await ci.upload({
          project: this.project, version: step.version, desc: step.desc, setting: { es6: false, minify: false },
          onProgressUpdate: () => undefined,
        });
        this.log(`  uploaded ${step.version}: ${(result.subPackageInfo ?? []).map((p) => `${p.name} ${(p.size / 1024).toFixed(1)} KiB`).join(', ') || 'done'}`);
        return;
      }
    }
  }

  /**
   * A new function is created here with its code, runtime and configuration in one call
   * (miniprogram-ci's uploadFunction would create it on Nodejs8.9 with a 3 s timeout).
   */
  private async createFunction(fn: DesiredFunction) {
    await this.app.functions.createFunction({
      func: {
        name: fn.name,
        runtime: FUNCTION_RUNTIME,
        handler: 'index.main',
        timeout: fn.timeout,
        envVariables: fn.envVariables,
        installDependency: true,
        description: describeHash(fn.codeHash),
      },
      functionRootPath: path.dirname(fn.dir),
      force: false,
    });
    await this.app.functions.waitFunctionActive(fn.name);
  }
}
