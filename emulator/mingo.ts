/**
 * mingo (MongoDB operators in JS) wired with the operator sets the platform supports.
 * Anything outside these lists is refused loudly before mingo sees it, so a query that would fail
 * (or silently differ) on WeChat's cloud fails here too.
 */
import { Aggregator, Context, Query, createUpdater } from 'mingo';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import { Codes, DbError } from './errors';
import { getPath } from './values';

type Doc = Record<string, unknown>;

const context = Context.init({
  accumulator: accumulator as never,
  expression: expression as never,
  pipeline: pipeline as never,
  projection: projection as never,
  query: queryOps as never,
});

/** Query operators the platform documents for `db.command` (geo and $text are not emulated). */
export const QUERY_OPERATORS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$and', '$or', '$nor', '$not',
  '$exists', '$regex', '$options', '$elemMatch', '$all', '$size', '$mod', '$expr', '$type',
]);
export const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop',
]);
const ARRAY_REMOVERS = new Set(['$pull', '$pullAll', '$pop']);
/** Modifiers allowed inside $push/$addToSet values. */
const PUSH_MODIFIERS = new Set(['$each', '$position', '$slice', '$sort']);
export const PIPELINE_STAGES = new Set([
  '$match', '$group', '$sort', '$skip', '$limit', '$project', '$count', '$lookup', '$unwind', '$addFields',
  '$replaceRoot', '$sortByCount', '$bucket', '$bucketAuto', '$sample',
]);
const PROJECTION_OPERATORS = new Set(['$slice', '$elemMatch']);

const unsupported = (kind: string, op: string): never => {
  throw new DbError(Codes.INVALID_OPERATOR, `[emulator] unsupported ${kind} operator ${op}`);
};

/** Refuse query operators outside the supported set, at any depth. */
export function checkQuery(q: unknown): void {
  if (Array.isArray(q)) return q.forEach(checkQuery);
  if (!q || typeof q !== 'object' || q instanceof Date || q instanceof RegExp) return;
  for (const [k, v] of Object.entries(q as Doc)) {
    if (k.startsWith('$')) {
      if (!QUERY_OPERATORS.has(k)) unsupported('query', k);
      if (k === '$expr') continue; // aggregation expression: mingo validates it
    }
    checkQuery(v);
  }
}

export function checkUpdate(u: Doc): void {
  for (const [op, spec] of Object.entries(u)) {
    if (!UPDATE_OPERATORS.has(op)) unsupported('update', op);
    if ((op === '$push' || op === '$addToSet') && spec && typeof spec === 'object') {
      for (const v of Object.values(spec as Doc)) {
        if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
          for (const m of Object.keys(v as Doc)) if (m.startsWith('$') && !PUSH_MODIFIERS.has(m)) unsupported('update', m);
        }
      }
    }
    if (op === '$pull' && spec && typeof spec === 'object') checkQuery(spec);
  }
}

export function checkProjection(p: Doc): void {
  for (const v of Object.values(p)) {
    if (v && typeof v === 'object') for (const k of Object.keys(v as Doc)) if (k.startsWith('$') && !PROJECTION_OPERATORS.has(k)) unsupported('projection', k);
  }
}

export function checkPipeline(stages: Doc[]): void {
  for (const stage of stages) {
    const keys = Object.keys(stage);
    if (keys.length !== 1) throw new DbError(Codes.INVALID_PARAM, '[emulator] each aggregation stage must have exactly one key');
    if (!PIPELINE_STAGES.has(keys[0])) unsupported('aggregation stage', keys[0]);
    if (keys[0] === '$match') checkQuery(stage.$match);
  }
}

const baseOptions = { context, useGlobalContext: false, useStrictMode: true } as const;

/** Wrap mingo's own complaints (unknown expression operator, bad argument) as loud database errors. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError(Codes.INVALID_OPERATOR, `[emulator] ${(e as Error).message}`);
  }
}

export function compileQuery(q: Doc): (doc: Doc) => boolean {
  checkQuery(q);
  const query = guard(() => new Query(q, baseOptions));
  return (doc) => guard(() => query.test(doc));
}

export function project(docs: Doc[], p: Doc | undefined): Doc[] {
  if (!p || Object.keys(p).length === 0) return docs;
  checkProjection(p);
  return guard(() => new Query({}, baseOptions).find(docs, p).all() as Doc[]);
}

export function sortDocs(docs: Doc[], order: Doc): Doc[] {
  if (!order || Object.keys(order).length === 0) return docs;
  return guard(() => new Query({}, baseOptions).find(docs).sort(order as Record<string, 1 | -1>).all() as Doc[]);
}

const updater = createUpdater({ cloneMode: 'none', queryOptions: baseOptions } as never);

/** Apply an operator update in place (each operator in turn, as MongoDB applies them). */
export function applyUpdate(doc: Doc, update: Doc): void {
  checkUpdate(update);
  for (const [op, spec] of Object.entries(update)) {
    let fields = spec as Doc;
    if (ARRAY_REMOVERS.has(op) && fields && typeof fields === 'object') {
      // MongoDB: removing from a missing field is a no-op; from a non-array it is an error
      fields = {};
      for (const [path, v] of Object.entries(spec as Doc)) {
        const cur = getPath(doc, path);
        if (cur === undefined) continue;
        if (!Array.isArray(cur)) throw new DbError(Codes.REQUEST_FAILED, `Cannot apply ${op} to a non-array value (field ${path})`);
        fields[path] = v;
      }
      if (Object.keys(fields).length === 0) continue;
    }
    guard(() => updater(doc, { [op]: fields } as never));
  }
}

export function aggregate(docs: Doc[], stages: Doc[], resolve: (name: string) => Doc[]): Doc[] {
  checkPipeline(stages);
  return guard(() => new Aggregator(stages, { ...baseOptions, collectionResolver: resolve }).run(docs) as Doc[]);
}
