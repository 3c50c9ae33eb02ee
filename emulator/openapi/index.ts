import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import QRCode from 'qrcode';
import { checkSubscribeParams, checkUnlimitedParams, type WxError } from './rules';
import { ContentRules, type Suggest, type WordRule } from './security';
import { decodeCommApiData, encodeCommOpenApiResp, pairsToParams, parseMultipart } from './wire';

/**
 * Local stand-in for WeChat's open APIs as `cloud.openapi.*` reaches them (action `wx.openApi`
 * on the emulator's /admin endpoint). Implemented, with the platform's rules:
 * - subscribeMessage.send: needs a remaining one-time consent of (touser, template_id) — else
 *   43101 like WeChat; field limits (thing ≤ 20, phrase ≤ 5 汉字, name ≤ 10 汉字 …) → 47003.
 *   Every accepted message lands in the outbox (GET /__emulator/outbox).
 * - wxacode.getUnlimited: scene ≤ 32 visible chars of the allowed set (→ 40169), page without
 *   leading '/' or query (→ 41030); answers a PNG QR code whose content is the h5 URL
 *   `${h5Base}/#/${page}?scene=${scene}` so the local app can open it.
 * - security.msgSecCheck (v1/v2), security.imgSecCheck, security.mediaCheckAsync: word list and
 *   image marks (security.ts), the platform's answer shapes (v2 result.suggest; 87014 otherwise).
 *   Test hooks: POST /__emulator/security/words { words: [{ word, suggest?, label? }] },
 *   GET /__emulator/security/checks.
 * Anything else → errcode 48001 (api unauthorized), as for an API the app has no right to.
 *
 * Consents are recorded the way `wx.requestSubscribeMessage` "accept" would:
 * POST /__emulator/subscribe { openid, templateIds: string[≤5] } → one more message allowed each.
 */
export interface OutboxMessage {
  id: number;
  sentAt: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
}

export interface QrCodeRecord { id: number; at: string; scene: string; page: string; url: string }

/** What the emulator's server hands an extra action: the raw request. */
export interface RawAdminRequest { body: Buffer; contentType: string }
export interface RawAdminResponse { status: number; contentType: string; body: Buffer }

export interface OpenapiOptions {
  /** origin of the h5 app the QR codes point at (default '' → a relative `/#/…` URL) */
  h5Base?: string;
  /** keep consents and the outbox across restarts in this JSON file (e.g. `${dataDir}/openapi.json`) */
  file?: string;
  /** word list and image marks of the content-security emulation (e.g. `${dataDir}/security`) */
  securityDir?: string;
}

interface SavedState { consents: Array<[string, number]>; sent: OutboxMessage[]; nextId: number }

export interface Openapi {
  /** `wx.openApi` for the emulator's extraActions */
  handleOpenApi(req: RawAdminRequest): Promise<RawAdminResponse>;
  /** answers /__emulator/outbox, /__emulator/subscribe, /__emulator/subscriptions, /__emulator/qrcodes */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): boolean;
  /** record consents as if the user tapped 允许 in requestSubscribeMessage */
  subscribe(openid: string, templateIds: string[]): Record<string, number>;
  remaining(openid: string, templateId: string): number;
  outbox(filter?: { touser?: string; templateId?: string }): OutboxMessage[];
  qrcodes(): QrCodeRecord[];
  clear(): void;
  setH5Base(base: string): void;
  /** content-security rules (word list, image marks, what was checked) */
  security: ContentRules;
  /** run one API call directly (tests, and anything not going through the wire) */
  call(apiName: string, params: Record<string, unknown>): Promise<{ json?: unknown; image?: Buffer; error?: WxError }>;
}

const MAX_TEMPLATES_PER_REQUEST = 5;

export function createOpenapi(options: OpenapiOptions = {}): Openapi {
  let h5Base = (options.h5Base ?? '').replace(/\/$/, '');
  const consents = new Map<string, number>();
  let sent: OutboxMessage[] = [];
  let codes: QrCodeRecord[] = [];
  let nextId = 1;
  const key = (openid: string, templateId: string) => `${openid}\u0000${templateId}`;
  const security = new ContentRules(options.securityDir);
  const risky = (): { error: WxError } => ({ error: { errcode: 87014, errmsg: 'risky content hint: [local]' } });

  if (options.file && fs.existsSync(options.file)) {
    try {
      const saved = JSON.parse(fs.readFileSync(options.file, 'utf8')) as SavedState;
      for (const [k, n] of saved.consents ?? []) consents.set(k, n);
      sent = saved.sent ?? [];
      nextId = saved.nextId ?? sent.length + 1;
    } catch (err) {
      console.warn(`[openapi] ignoring unreadable ${options.file}: ${(err as Error).message}`);
    }
  }
  /** Small and rarely written (a consent, a send): write the whole state, atomically. */
  const save = () => {
    if (!options.file) return;
    const state: SavedState = { consents: [...consents.entries()], sent, nextId };
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    const tmp = `${options.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, options.file);
  };

  const api: Record<string, (p: Record<string, unknown>) => Promise<{ json?: unknown; image?: Buffer; error?: WxError }>> = {
    async 'subscribeMessage.send'(p) {
      const bad = checkSubscribeParams(p);
      if (bad) return { error: bad };
      const k = key(String(p.touser), String(p.template_id));
      const left = consents.get(k) ?? 0;
      if (left <= 0) return { error: { errcode: 43101, errmsg: 'user refuse to accept the msg rid: local' } };
      consents.set(k, left - 1);
      sent.push({
        id: nextId++,
        sentAt: new Date().toISOString(),
        touser: String(p.touser),
        templateId: String(p.template_id),
        page: typeof p.page === 'string' ? p.page : undefined,
        data: p.data as OutboxMessage['data'],
        miniprogramState: typeof p.miniprogram_state === 'string' ? p.miniprogram_state : undefined,
        lang: typeof p.lang === 'string' ? p.lang : undefined,
      });
      save();
      return { json: { errcode: 0, errmsg: 'ok', msgid: nextId - 1 } };
    },
    async 'wxacode.getUnlimited'(p) {
      const bad = checkUnlimitedParams(p);
      if (bad) return { error: bad };
      const page = typeof p.page === 'string' && p.page ? p.page : 'pages/index/index';
      const scene = String(p.scene);
      const url = `${h5Base}/#/${page}?scene=${encodeURIComponent(scene)}`;
      const width = Math.min(1280, Math.max(280, typeof p.width === 'number' ? p.width : 430));
      // the "up" filter: see functions/task/attendance.ts (QR_PNG)
      const png = { type: 'png' as const, width, margin: 2, errorCorrectionLevel: 'M' as const, rendererOpts: { deflateLevel: 9, filterType: 2 } };
      const image = await QRCode.toBuffer(url, png);
      codes.push({ id: nextId++, at: new Date().toISOString(), scene, page, url });
      if (codes.length > 1000) codes = codes.slice(-1000);
      return { image };
    },
  };

  Object.assign(api, {
    async 'security.msgSecCheck'(p: Record<string, unknown>) {
      const content = typeof p.content === 'string' ? p.content : '';
      if (!content) return { error: { errcode: 40003, errmsg: 'invalid content hint: [local]' } };
      if (content.length > 2500) return { error: { errcode: 44004, errmsg: 'content is too long (max 2500) hint: [local]' } };
      const v2 = Number(p.version) === 2;
      if (v2) {
        if (typeof p.openid !== 'string' || !p.openid) return { error: { errcode: 40003, errmsg: 'invalid openid hint: [local]' } };
        if (![1, 2, 3, 4].includes(Number(p.scene))) return { error: { errcode: 40097, errmsg: 'invalid args: scene hint: [local]' } };
      }
      const verdict = security.checkText(content);
      const traceId = security.record({ api: 'msgSecCheck', openid: p.openid as string | undefined, scene: Number(p.scene) || undefined, content, verdict });
      if (!v2) return verdict.suggest === 'pass' ? { json: { errcode: 0, errmsg: 'ok' } } : risky();
      const detail = [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: verdict.suggest === 'pass' ? 0 : 90 },
        ...(verdict.keyword ? [{ strategy: 'keyword', errcode: 0, suggest: verdict.suggest, label: verdict.label, level: 20, keyword: verdict.keyword }] : [])];
      return { json: { errcode: 0, errmsg: 'ok', result: { suggest: verdict.suggest, label: verdict.label }, detail, trace_id: traceId } };
    },
    async 'security.imgSecCheck'(p: Record<string, unknown>) {
      // the SDK's protobuf drops the pair's content type: `media` arrives as raw bytes (see wire.ts)
      const m = p.media as { value?: Buffer } | string | undefined;
      const image = typeof m === 'string' ? Buffer.from(m, 'utf8') : m?.value;
      if (!Buffer.isBuffer(image) || !image.length) return { error: { errcode: 41005, errmsg: 'media data missing hint: [local]' } };
      if (image.length > 1024 * 1024) return { error: { errcode: 40006, errmsg: 'invalid meida size (max 1MB) hint: [local]' } };
      const { verdict, sha256 } = security.checkImage(image);
      security.record({ api: 'imgSecCheck', sha256, verdict });
      return verdict.suggest === 'pass' ? { json: { errcode: 0, errmsg: 'ok' } } : risky();
    },
    async 'security.mediaCheckAsync'(p: Record<string, unknown>) {
      if (typeof p.media_url !== 'string' || !p.media_url) return { error: { errcode: 40003, errmsg: 'invalid media_url hint: [local]' } };
      if (![1, 2].includes(Number(p.media_type))) return { error: { errcode: 40097, errmsg: 'invalid args: media_type hint: [local]' } };
      // the verdict of an async check is pushed to the app's message server on the platform; here it is recorded
      const traceId = security.record({ api: 'mediaCheckAsync', openid: p.openid as string | undefined, scene: Number(p.scene) || undefined, content: p.media_url, verdict: { suggest: 'pass', label: 100 } });
      return { json: { errcode: 0, errmsg: 'ok', trace_id: traceId } };
    },
  });

  const call: Openapi['call'] = async (apiName, params) => {
    const fn = api[apiName];
    if (!fn) return { error: { errcode: 48001, errmsg: `api unauthorized: ${apiName} is not emulated locally rid: local` } };
    return fn(params);
  };

  const pb = (respData: Buffer, contentType: string): RawAdminResponse => ({
    status: 200,
    contentType: 'application/octet-stream',
    body: encodeCommOpenApiResp({ respData, contentType }),
  });

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const self: Openapi = {
    async handleOpenApi(req) {
      // A malformed request is a platform (TCB) error: JSON { code, message }.
      const tcbError = (message: string): RawAdminResponse => ({
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: Buffer.from(JSON.stringify({ code: 'INVALID_PARAM', message, requestId: 'local' })),
      });
      let apiName = '';
      let params: Record<string, unknown>;
      try {
        const parts = parseMultipart(req.body, req.contentType);
        apiName = parts.find((x) => x.name === 'apiName')?.data.toString('utf8') ?? '';
        const data = parts.find((x) => x.name === 'requestData')?.data;
        if (!apiName || !data) return tcbError('wx.openApi needs apiName and requestData');
        params = pairsToParams(decodeCommApiData(data));
      } catch (err) {
        return tcbError(`cannot decode wx.openApi request: ${(err as Error).message}`);
      }
      const out = await call(apiName, params);
      if (out.error) return pb(Buffer.from(JSON.stringify(out.error)), 'application/json; charset=UTF-8');
      if (out.image) return pb(out.image, 'image/png');
      return pb(Buffer.from(JSON.stringify(out.json ?? { errcode: 0, errmsg: 'ok' })), 'application/json; charset=UTF-8');
    },

    handleHttp(req, res, body) {
      const url = new URL(req.url ?? '/', 'http://local');
      const q = (name: string) => url.searchParams.get(name) ?? undefined;
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /__emulator/outbox':
          sendJson(res, 200, { messages: self.outbox({ touser: q('touser'), templateId: q('templateId') }) });
          return true;
        case 'DELETE /__emulator/outbox':
          sent = [];
          save();
          sendJson(res, 200, { ok: true });
          return true;
        case 'GET /__emulator/qrcodes':
          sendJson(res, 200, { codes: self.qrcodes() });
          return true;
        case 'GET /__emulator/subscriptions': {
          const openid = q('openid');
          const list = [...consents.entries()]
            .map(([k, count]) => { const [o, t] = k.split('\u0000'); return { openid: o, templateId: t, remaining: count }; })
            .filter((s) => !openid || s.openid === openid);
          sendJson(res, 200, { subscriptions: list });
          return true;
        }
        case 'POST /__emulator/subscribe': {
          let input: { openid?: unknown; templateIds?: unknown };
          try { input = JSON.parse(body.toString('utf8') || '{}'); } catch { sendJson(res, 400, { errMsg: 'requestSubscribeMessage:fail body is not JSON' }); return true; }
          const { openid, templateIds } = input;
          if (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(openid)) {
            sendJson(res, 400, { errCode: 10001, errMsg: 'requestSubscribeMessage:fail openid is required' });
            return true;
          }
          if (!Array.isArray(templateIds) || !templateIds.length || templateIds.some((t) => typeof t !== 'string' || !t)) {
            sendJson(res, 400, { errCode: 20001, errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist' });
            return true;
          }
          if (templateIds.length > MAX_TEMPLATES_PER_REQUEST) {
            sendJson(res, 400, { errCode: 20003, errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds' });
            return true;
          }
          const remaining = self.subscribe(openid, templateIds as string[]);
          // Same shape as requestSubscribeMessage's success: { errMsg, [templateId]: 'accept' }
          sendJson(res, 200, { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries((templateIds as string[]).map((t) => [t, 'accept'])), remaining });
          return true;
        }
        case 'POST /__emulator/security/words': {
          let input: { words?: unknown };
          try { input = JSON.parse(body.toString('utf8') || '{}'); } catch { sendJson(res, 400, { error: 'body is not JSON' }); return true; }
          const words = Array.isArray(input.words) ? input.words : [];
          const rules: WordRule[] = words
            .map((w: unknown) => (typeof w === 'string' ? { word: w } : (w as { word?: unknown; suggest?: unknown; label?: unknown })))
            .filter((w): w is { word: string; suggest?: unknown; label?: unknown } => typeof w?.word === 'string' && !!w.word)
            .map((w) => ({ word: w.word, suggest: (w.suggest === 'review' ? 'review' : 'risky') as Exclude<Suggest, 'pass'>, label: Number(w.label) || 20001 }));
          security.addWords(rules);
          sendJson(res, 200, { ok: true, added: rules.length });
          return true;
        }
        case 'GET /__emulator/security/checks':
          sendJson(res, 200, { checks: security.checks() });
          return true;
        default:
          return false;
      }
    },

    subscribe(openid, templateIds) {
      const remaining: Record<string, number> = {};
      for (const t of templateIds) {
        const k = key(openid, t);
        consents.set(k, (consents.get(k) ?? 0) + 1);
        remaining[t] = consents.get(k)!;
      }
      save();
      return remaining;
    },
    remaining: (openid, templateId) => consents.get(key(openid, templateId)) ?? 0,
    outbox: (filter = {}) => sent.filter((m) => (!filter.touser || m.touser === filter.touser) && (!filter.templateId || m.templateId === filter.templateId)),
    qrcodes: () => [...codes],
    clear() { consents.clear(); sent = []; codes = []; security.clear(); save(); },
    setH5Base(base) { h5Base = base.replace(/\/$/, ''); },
    security,
    call,
  };
  return self;
}

type OpenapiRequest = { headers: Record<string, string | string[] | undefined>; body: Buffer };

/**
 * The emulator's `extraActions` for open APIs (see emulator/server.ts): `wx.openApi` answers raw
 * protobuf (a Buffer) or, for a malformed request, the platform's JSON `{ code, message }`.
 */
export function openapiActions(openapi: Openapi): Record<string, (req: OpenapiRequest) => Promise<unknown>> {
  return {
    'wx.openApi': async (req) => {
      const out = await openapi.handleOpenApi({ body: req.body, contentType: String(req.headers['content-type'] ?? '') });
      if (out.contentType.startsWith('application/json')) return JSON.parse(out.body.toString('utf8')) as unknown;
      return out.body;
    },
  };
}
