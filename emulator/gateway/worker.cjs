'use strict';
/**
 * One cloud-function instance: a child process that loads ONE bundle (cloudfunctions/<name>/index.js)
 * and runs ONE invocation at a time, like an instance on WeChat's cloud.
 *
 * Plain JS on purpose: it runs under plain `node` exactly like the platform runs the bundle, and
 * starts in ~50 ms instead of paying for a TypeScript loader.
 *
 * Identity: `cloud.getWXContext()` reads process.env (WX_OPENID, …), so the env is set per
 * invocation. That is only safe because the parent never sends a second invocation before the
 * first one answered.
 *
 * Protocol (process.send / 'message'):
 *   parent → worker  { type: 'invoke', id, event, context, identity: { OPENID, APPID, UNIONID }, source, seqId }
 *   worker → parent  { type: 'ready' } once the bundle is loaded (or { type: 'loadError', error })
 *                    { type: 'result', id, ok: true, result } | { type: 'result', id, ok: false, error }
 */
const bundle = process.env.GATEWAY_BUNDLE;
if (!bundle || !process.send) {
  console.error('worker.cjs must be forked by the gateway with GATEWAY_BUNDLE set');
  process.exit(2);
}

const send = (msg) => { try { process.send(msg); } catch { /* parent gone */ } };

function describe(err) {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  if (err && typeof err === 'object') {
    const e = /** @type {Record<string, unknown>} */ (err);
    return { name: 'Error', message: String(e.errMsg || e.message || JSON.stringify(err)) };
  }
  return { name: 'Error', message: String(err) };
}

let main;
try {
  const mod = require(bundle);
  main = mod && (mod.main || (mod.default && mod.default.main));
  if (typeof main !== 'function') throw new Error(`${bundle} does not export main`);
} catch (err) {
  send({ type: 'loadError', error: describe(err) });
  process.exit(1);
}

const IDENTITY_KEYS = ['OPENID', 'APPID', 'UNIONID'];
let busy = false;

process.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return;
  if (busy) {
    send({ type: 'result', id: msg.id, ok: false, error: { name: 'Error', message: 'worker busy: one invocation at a time' } });
    return;
  }
  busy = true;
  for (const key of IDENTITY_KEYS) {
    const value = msg.identity && msg.identity[key];
    if (value) process.env[`WX_${key}`] = String(value);
    else delete process.env[`WX_${key}`];
  }
  if (msg.source) process.env.TCB_SOURCE = msg.source;
  else delete process.env.TCB_SOURCE;
  // The emulator attributes every database call carrying seqId=<TCB_SEQID>-… to this invocation.
  if (msg.seqId) process.env.TCB_SEQID = msg.seqId;
  else delete process.env.TCB_SEQID;
  try {
    const result = await main(msg.event, msg.context);
    // JSON round trip: what the platform returns to a caller is JSON, so Dates become strings here too.
    const json = result === undefined ? undefined : JSON.parse(JSON.stringify(result));
    send({ type: 'result', id: msg.id, ok: true, result: json });
  } catch (err) {
    send({ type: 'result', id: msg.id, ok: false, error: describe(err) });
  } finally {
    busy = false;
  }
});

// The gateway went away (even by SIGKILL): an instance never outlives it.
process.on('disconnect', () => process.exit(0));

// A promise nobody awaits must not kill the instance silently: log it like the platform's log does.
process.on('unhandledRejection', (reason) => { console.error('[unhandledRejection]', reason); });

send({ type: 'ready' });
