/**
 * Deploy as a diff: what the environment should hold (derived from core/db/schema.ts and
 * functions/<name>/config.json) against what it holds, as a list of steps. The same `diff` feeds
 * `--plan` and the real run, so what a reviewer reads is what gets executed.
 * Pure: no network, no file system, no deploy library (those live in cloud.ts).
 */
import type { IndexSpec } from '../../core/db/schema';

export interface Rule { read: boolean; write: boolean }
export interface Trigger { name: string; type: 'timer'; config: string }

export interface DesiredFunction {
  name: string;
  /** folder uploaded as the function (cloudfunctions/<name>) */
  dir: string;
  /** sha256 of the bundle + package.json + config.json: tells whether the deployed code is ours */
  codeHash: string;
  timeout: number;
  /** every variable config.json declares; '' = "no value given here" (an operator's value is kept) */
  envVariables: Record<string, string>;
  triggers: Trigger[];
}

export interface DesiredState {
  collections: Array<{ name: string; indexes: IndexSpec[]; rule: Rule }>;
  functions: DesiredFunction[];
  /** OPENIDs to add to SUPER_ADMIN_OPENIDS (then bootstrap writes their `admins` documents) */
  superAdmins: string[];
  miniProgram?: { version: string; desc: string };
  /** upload every function's code even where the recorded hash matches (after an upload by hand) */
  reuploadCode?: boolean;
}

export interface CurrentFunction {
  /** hash recorded by the last deploy (in the function's description); null: not deployed by us */
  codeHash: string | null;
  runtime: string;
  timeout: number;
  envVariables: Record<string, string>;
  triggers: Trigger[];
}

/** What the environment holds now, as far as deploying cares. */
export interface EnvState {
  collections: Record<string, { indexes: IndexSpec[]; rule: Rule | null }>;
  functions: Record<string, CurrentFunction>;
}

export const emptyState = (): EnvState => ({ collections: {}, functions: {} });

export type Step =
  | { kind: 'create-collection'; collection: string }
  | { kind: 'create-index'; collection: string; index: IndexSpec }
  | { kind: 'replace-index'; collection: string; index: IndexSpec; was: IndexSpec }
  | { kind: 'set-rule'; collection: string; rule: Rule; was: Rule | null }
  | { kind: 'create-function'; fn: DesiredFunction }
  | { kind: 'upload-code'; fn: DesiredFunction }
  | { kind: 'configure-function'; name: string; timeout: number; envVariables: Record<string, string>; codeHash: string; changes: string[] }
  /** create these timer triggers; those named in `replace` exist with another schedule and are deleted first */
  | { kind: 'set-triggers'; name: string; triggers: Trigger[]; replace: string[] }
  | { kind: 'run-bootstrap'; superAdmins: string[] }
  | { kind: 'upload-miniprogram'; version: string; desc: string };

/** Things the environment has that the code does not: reported, never removed. */
export interface Note { text: string }

export interface Plan { steps: Step[]; notes: Note[] }

export const SUPER_ADMIN_VAR = 'SUPER_ADMIN_OPENIDS';

const sameKeys = (a: IndexSpec, b: IndexSpec) =>
  JSON.stringify(Object.entries(a.keys)) === JSON.stringify(Object.entries(b.keys)) && !!a.unique === !!b.unique;

/** The platform's own index on _id is not ours to report. */
const isSystemIndex = (name: string) => name === '_id_';

const splitList = (raw: string | undefined) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** The env variables a function should end with, given what it has now. */
function targetEnv(fn: DesiredFunction, current: Record<string, string>, superAdmins: string[]): Record<string, string> {
  const out: Record<string, string> = { ...current }; // variables set by hand and unknown to config are kept
  for (const [key, value] of Object.entries(fn.envVariables)) {
    // an empty value in config means "not decided here": keep what an operator set in the console
    out[key] = value !== '' ? value : current[key] ?? '';
  }
  if (SUPER_ADMIN_VAR in fn.envVariables && superAdmins.length) {
    out[SUPER_ADMIN_VAR] = [...new Set([...splitList(out[SUPER_ADMIN_VAR]), ...superAdmins])].join(',');
  }
  return out;
}

const envChanges = (from: Record<string, string>, to: Record<string, string>) =>
  Object.keys(to).filter((k) => from[k] !== to[k]).map((k) => (k in from ? `env ${k} changed` : `env ${k} set`));


/** Node runtimes older than the bundles' target (node16) cannot run them. */
const runtimeTooOld = (runtime: string) => {
  const m = /^Nodejs(\d+)/i.exec(runtime);
  return !!m && Number(m[1]) < 16;
};

export function diff(desired: DesiredState, current: EnvState): Plan {
  const steps: Step[] = [];
  const notes: Note[] = [];

  for (const c of desired.collections) {
    const have = current.collections[c.name];
    if (!have) steps.push({ kind: 'create-collection', collection: c.name });
    for (const ix of c.indexes) {
      const was = have?.indexes.find((i) => i.name === ix.name);
      if (!was) steps.push({ kind: 'create-index', collection: c.name, index: ix });
      else if (!sameKeys(was, ix)) steps.push({ kind: 'replace-index', collection: c.name, index: ix, was });
    }
    for (const extra of have?.indexes ?? []) {
      if (!isSystemIndex(extra.name) && !c.indexes.some((i) => i.name === extra.name)) {
        notes.push({ text: `extra index ${c.name}.${extra.name} ${describeKeys(extra)} (not in core/db/schema.ts; left alone)` });
      }
    }
    const rule = have?.rule ?? null;
    if (!rule || rule.read !== c.rule.read || rule.write !== c.rule.write) {
      steps.push({ kind: 'set-rule', collection: c.name, rule: c.rule, was: rule });
    }
  }
  for (const name of Object.keys(current.collections).sort()) {
    if (!desired.collections.some((c) => c.name === name)) notes.push({ text: `extra collection ${name} (not in core/db/schema.ts; left alone)` });
  }

  const supersNeedBootstrap: string[] = [];
  for (const fn of desired.functions) {
    const have = current.functions[fn.name];
    const env = targetEnv(fn, have?.envVariables ?? {}, desired.superAdmins);
    if (!have) {
      steps.push({ kind: 'create-function', fn: { ...fn, envVariables: env } });
    } else {
      if (runtimeTooOld(have.runtime)) notes.push({ text: `function ${fn.name} runs ${have.runtime}; the bundle targets node16: delete it in the console and deploy again` });
      const codeChanged = have.codeHash !== fn.codeHash || !!desired.reuploadCode;
      if (codeChanged) steps.push({ kind: 'upload-code', fn });
      const changes = [
        ...(have.timeout !== fn.timeout ? [`timeout ${have.timeout}s → ${fn.timeout}s`] : []),
        ...envChanges(have.envVariables, env),
      ];
      // the code hash lives in the description, written by the same configuration call
      if (changes.length || codeChanged) {
        steps.push({ kind: 'configure-function', name: fn.name, timeout: fn.timeout, envVariables: env, codeHash: fn.codeHash, changes });
      }
      for (const key of Object.keys(have.envVariables)) {
        if (!(key in fn.envVariables)) notes.push({ text: `extra env ${fn.name}.${key} (not in functions/${fn.name}/config.json; kept)` });
      }
    }
    const haveTriggers = have?.triggers ?? [];
    const missing = fn.triggers.filter((t) => !haveTriggers.some((x) => x.name === t.name && x.type === t.type && x.config === t.config));
    if (missing.length) {
      const replace = missing.filter((t) => haveTriggers.some((x) => x.name === t.name)).map((t) => t.name);
      steps.push({ kind: 'set-triggers', name: fn.name, triggers: missing, replace });
    }
    for (const t of haveTriggers) {
      if (!fn.triggers.some((x) => x.name === t.name)) notes.push({ text: `extra trigger ${fn.name}.${t.name} "${t.config}" (not in config.json; left alone)` });
    }
    const before = splitList(have?.envVariables[SUPER_ADMIN_VAR]);
    const added = splitList(env[SUPER_ADMIN_VAR]).filter((o) => !before.includes(o));
    if (fn.name === 'bootstrap') supersNeedBootstrap.push(...added);
  }
  for (const name of Object.keys(current.functions).sort()) {
    if (!desired.functions.some((f) => f.name === name)) notes.push({ text: `extra function ${name} (not in functions/; left alone)` });
  }

  // bootstrap writes admins/super:root:<openid>; it runs only when this deploy adds a super admin
  if (supersNeedBootstrap.length) steps.push({ kind: 'run-bootstrap', superAdmins: supersNeedBootstrap });
  if (desired.miniProgram) steps.push({ kind: 'upload-miniprogram', ...desired.miniProgram });
  return { steps, notes };
}

export function describeKeys(ix: IndexSpec): string {
  const keys = Object.entries(ix.keys).map(([k, d]) => `${k} ${d === 1 ? '↑' : '↓'}`).join(', ');
  return `[${keys}]${ix.unique ? ' unique' : ''}`;
}

const mask = (openid: string) => (openid.length > 8 ? `${openid.slice(0, 4)}…${openid.slice(-4)}` : openid);

/** One line per step, stable and greppable: "+ " creates, "~ " changes, "! " runs/uploads. */
export function stepLine(s: Step): string {
  switch (s.kind) {
    case 'create-collection': return `+ collection ${s.collection}`;
    case 'create-index': return `+ index ${s.collection}.${s.index.name} ${describeKeys(s.index)}`;
    case 'replace-index': return `~ index ${s.collection}.${s.index.name} ${describeKeys(s.was)} → ${describeKeys(s.index)} (dropped and created again)`;
    case 'set-rule': return `~ rule ${s.collection} ${s.was ? JSON.stringify(s.was) : '(default)'} → ${JSON.stringify(s.rule)}`;
    case 'create-function': {
      const env = Object.keys(s.fn.envVariables);
      return `+ function ${s.fn.name} (code ${s.fn.codeHash.slice(0, 12)}, timeout ${s.fn.timeout}s${env.length ? `, env ${env.join(', ')}` : ''})`;
    }
    case 'upload-code': return `~ function ${s.fn.name} code → ${s.fn.codeHash.slice(0, 12)}`;
    case 'configure-function': return `~ function ${s.name} config${s.changes.length ? `: ${s.changes.join('; ')}` : ' (records code hash)'}`;
    case 'set-triggers': return `${s.replace.length ? '~' : '+'} trigger ${s.triggers.map((t) => `${s.name}.${t.name} ${t.type} "${t.config}"`).join(', ')}${s.replace.length ? ` (replaces ${s.replace.join(', ')})` : ''}`;
    case 'run-bootstrap': return `! run bootstrap (writes super admin ${s.superAdmins.map(mask).join(', ')} into admins)`;
    case 'upload-miniprogram': return `! upload mini-program version ${s.version}: ${s.desc}`;
  }
}

export function renderPlan(plan: Plan): string[] {
  const lines = plan.steps.map(stepLine);
  if (!lines.length) lines.push('nothing to change: the environment matches core/db/schema.ts and functions/*/config.json');
  return [...lines, ...plan.notes.map((n) => `? ${n.text}`)];
}
