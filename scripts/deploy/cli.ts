/**
 * npm run deploy -- --env <env-id> [--plan] [--super-admin <openid>] [--upload <version> --desc <text>]
 *
 * Builds the functions, then makes the environment match core/db/schema.ts and functions/*\/config.json.
 * --plan prints the changes and touches nothing. Without credentials it needs no network: it plans
 * against a fresh environment (or against --state <file.json>, an EnvState snapshot that
 * `--plan --env <id> --save-state <file.json>` writes when credentials are there).
 * Credentials come from environment variables only (see CREDENTIAL_VARS in cloud.ts, docs/DEPLOY.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { collections } from '../../core/db/schema';
import { superAdminOpenids } from '../../functions/bootstrap/console';
import { buildFunctions, listFunctions, ROOT } from '../build-functions';
import { credentialsFrom, hasCredentials } from './credentials';
import { builtFunctions, desiredState } from './desired';
import { diff, emptyState, renderPlan, SUPER_ADMIN_VAR, type EnvState } from './plan';
import { deploy } from './target';

export interface Args {
  env?: string;
  plan: boolean;
  superAdmins: string[];
  upload?: { version: string; desc: string };
  state?: string;
  /** with --plan and credentials: write the state read from the environment to this file */
  saveState?: string;
  skipBuild: boolean;
  reuploadCode: boolean;
}

const USAGE = 'usage: npm run deploy -- --env <env-id> [--plan] [--state <file.json> | --save-state <file.json>] [--super-admin <openid>] [--upload <version> --desc <text>] [--skip-build] [--reupload]';

export function parseArgs(argv: string[]): Args {
  const args: Args = { plan: false, superAdmins: [], skipBuild: false, reuploadCode: false };
  let version: string | undefined;
  let desc: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--env') args.env = value();
    else if (a === '--plan') args.plan = true;
    else if (a === '--skip-build') args.skipBuild = true;
    else if (a === '--reupload') args.reuploadCode = true;
    else if (a === '--state') args.state = value();
    else if (a === '--save-state') args.saveState = value();
    else if (a === '--upload') version = value();
    else if (a === '--desc') desc = value();
    else if (a === '--super-admin') {
      const raw = value();
      const ok = superAdminOpenids(raw);
      if (!ok.length || ok.length !== raw.split(',').filter((s) => s.trim()).length) throw new Error(`--super-admin ${raw}: not an OPENID`);
      args.superAdmins.push(...ok);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (desc !== undefined && version === undefined) throw new Error('--desc belongs to --upload <version>');
  if (version !== undefined) {
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`--upload ${version}: a version like 1.0.3`);
    args.upload = { version, desc: desc ?? `双报到 ${version}` };
  }
  if (!args.plan && !args.env) throw new Error(`--env <env-id> is required (or --plan to only print)\n${USAGE}`);
  return args;
}

/** One readable line for a failure (library errors are not always `Error` instances). */
export function failureText(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown } | null;
  const text = typeof e?.message === 'string' ? e.message : String(err);
  // the libraries wrap socket errors; the code survives in the text
  const offline = /\b(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENETUNREACH)\b/.exec(`${String(e?.code)} ${text}`);
  return offline ? `cannot reach the cloud API from this machine (${offline[1]}): ${text}` : text;
}

export interface RunOptions {
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  /** where the built functions are (default cloudfunctions/) */
  outDir?: string;
}

/** The whole command; answers the exit code. */
export async function run(argv: string[], o: RunOptions): Promise<number> {
  const args = parseArgs(argv);
  const { log } = o;
  // fail before building when the real run cannot authenticate
  const creds = args.plan ? undefined : credentialsFrom(o.env, args.env!);
  const srcDir = path.join(ROOT, 'functions');
  const outDir = o.outDir ?? path.join(ROOT, 'cloudfunctions');
  const names = listFunctions(srcDir);
  if (!args.skipBuild) {
    const built = await buildFunctions({ srcDir, outDir, force: true });
    log(`built ${built.length} functions: ${built.map((b) => `${b.name} ${(b.bytes / 1024).toFixed(1)} KiB`).join(', ')}`);
  }
  const functions = builtFunctions(names, outDir);
  if (args.superAdmins.length && !functions.some((f) => f.config.envVariables && SUPER_ADMIN_VAR in f.config.envVariables)) {
    throw new Error(`--super-admin: no function declares ${SUPER_ADMIN_VAR} in its config.json`);
  }
  const desired = desiredState({
    collections, functions, values: o.env, superAdmins: args.superAdmins, miniProgram: args.upload, reuploadCode: args.reuploadCode,
  });

  if (args.plan) {
    let current: EnvState = emptyState();
    let against = 'a fresh environment (no credentials, no network)';
    if (args.state) {
      current = JSON.parse(fs.readFileSync(args.state, 'utf8')) as EnvState;
      against = `the state in ${args.state}`;
    } else if (args.env && hasCredentials(o.env)) {
      const { CloudTarget } = await import('./cloud');
      current = await new CloudTarget(credentialsFrom(o.env, args.env), ROOT, log).read();
      against = `env ${args.env} as read now`;
      if (args.saveState) fs.writeFileSync(args.saveState, JSON.stringify(current, null, 2) + '\n');
    }
    const plan = diff(desired, current);
    log(`plan against ${against}:`);
    renderPlan(plan).forEach(log);
    log(`${plan.steps.length} change${plan.steps.length === 1 ? '' : 's'}${plan.notes.length ? `, ${plan.notes.length} note(s) (? lines: reported, not changed)` : ''}`);
    return 0;
  }

  if (args.upload) {
    log(`building the mini-program for ${creds!.envId} …`);
    const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CLOUD_ENV: creds!.envId } });
    if (r.status !== 0) throw new Error('npm run build:weapp failed');
  }
  const { CloudTarget } = await import('./cloud');
  const result = await deploy(new CloudTarget(creds!, ROOT, log), desired, log);
  if (result.remaining.steps.length) {
    log('still different after deploying (read back from the environment):');
    renderPlan(result.remaining).forEach(log);
    return 1;
  }
  log(result.plan.steps.length
    ? `done: ${result.plan.steps.length} change(s) applied; read back, ${creds!.envId} now matches (a second run changes nothing)`
    : `nothing to change in ${creds!.envId}`);
  return 0;
}

if (require.main === module) {
  run(process.argv.slice(2), { env: process.env, log: (l) => console.log(l) }).then((code) => { process.exitCode = code; }, (err) => {
    console.error(failureText(err));
    process.exit(1);
  });
}
