/**
 * The bytes `cloud.openapi.*` puts on the wire (wx-server-sdk 4.0.2 → @cloudbase/node-sdk):
 * an HTTP multipart/form-data POST with fields `action=wx.openApi`, `apiName`, and `requestData`
 * = protobuf `CommApiData { apiType=1:int32, openapiData=2:OpenApiData, appid=6:string }`,
 * `OpenApiData { pairs=1:repeated KeyValuePair }`,
 * `KeyValuePair { key=1:string, value=2:bytes (JSON text), contenttype=3, filename=4 }`.
 * The answer is raw protobuf `CommOpenApiResp { respData=1:bytes, contentType=2:string, errorCode=3:int32 }`.
 * (Field numbers read from the SDK's generated src/protobuf/openapi.js.) A small hand codec keeps
 * the emulator free of a protobuf dependency.
 */

import { isUtf8 } from 'node:buffer';

// ---- multipart/form-data ---------------------------------------------------------------------
export interface FormPart { name: string; filename?: string; contentType?: string; data: Buffer }

export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new Error('multipart body without boundary');
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    pos += boundary.length;
    if (body.slice(pos, pos + 2).toString() === '--') break;
    pos += 2; // CRLF after the boundary
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) break;
    const headers = body.slice(pos, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) break;
    const data = body.slice(headerEnd + 4, next - 2); // minus CRLF before the boundary
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    parts.push({ name, filename, contentType: type, data });
    pos = next;
  }
  return parts;
}

// ---- protobuf --------------------------------------------------------------------------------
interface Field { no: number; wire: number; value: number | Buffer }

/** Varints here are tags, lengths and small enums: plain numbers are exact up to 2^53. */
function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result += (b & 0x7f) * scale;
    if (!(b & 0x80)) return [result, pos];
    scale *= 128;
  }
  throw new Error('varint too long');
}

function readFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) { const [v, p] = readVarint(buf, pos); fields.push({ no, wire, value: v }); pos = p; }
    else if (wire === 2) {
      const [len, p] = readVarint(buf, pos);
      const end = p + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      fields.push({ no, wire, value: buf.slice(p, end) });
      pos = end;
    } else if (wire === 1) { fields.push({ no, wire, value: buf.slice(pos, pos + 8) }); pos += 8; }
    else if (wire === 5) { fields.push({ no, wire, value: buf.slice(pos, pos + 4) }); pos += 4; }
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return fields;
}

export interface OpenApiRequest {
  apiType: number;
  appid?: string;
  /** key → raw value bytes (JSON text for ordinary params) */
  pairs: Array<{ key: string; value: Buffer; contentType?: string; filename?: string }>;
}

export function decodeCommApiData(buf: Buffer): OpenApiRequest {
  const out: OpenApiRequest = { apiType: 0, pairs: [] };
  for (const f of readFields(buf)) {
    if (f.no === 1 && f.wire === 0) out.apiType = Number(f.value);
    else if (f.no === 6 && f.wire === 2) out.appid = (f.value as Buffer).toString('utf8');
    else if (f.no === 2 && f.wire === 2) {
      for (const p of readFields(f.value as Buffer)) {
        if (p.no !== 1 || p.wire !== 2) continue;
        const pair: OpenApiRequest['pairs'][number] = { key: '', value: Buffer.alloc(0) };
        for (const kv of readFields(p.value as Buffer)) {
          if (kv.wire !== 2) continue;
          const b = kv.value as Buffer;
          if (kv.no === 1) pair.key = b.toString('utf8');
          else if (kv.no === 2) pair.value = b;
          else if (kv.no === 3) pair.contentType = b.toString('utf8');
          else if (kv.no === 4) pair.filename = b.toString('utf8');
        }
        out.pairs.push(pair);
      }
    }
  }
  return out;
}

/** Params as the SDK sent them (snake_case keys, JSON-decoded values). */
export function pairsToParams(req: OpenApiRequest): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const { key, value, contentType } of req.pairs) {
    if (contentType) { params[key] = { contentType, value }; continue; }
    // A file (imgSecCheck's `media`) comes as raw bytes without its content type (the SDK sets
    // `contentType`, the generated protobuf field is `contenttype`): keep non-UTF-8 bytes as bytes.
    if (!isUtf8(value)) { params[key] = { value }; continue; }
    const text = value.toString('utf8');
    try { params[key] = JSON.parse(text); } catch { params[key] = text; }
  }
  return params;
}

/** Non-negative integers only (tags, lengths, enum values): all this codec writes. */
function varint(n: number): Buffer {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`varint out of range: ${n}`);
  let v = n;
  const bytes: number[] = [];
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v) b |= 0x80;
    bytes.push(b);
  } while (v);
  return Buffer.from(bytes);
}

function lengthDelimited(no: number, data: Buffer): Buffer {
  return Buffer.concat([varint((no << 3) | 2), varint(data.length), data]);
}

export function encodeCommOpenApiResp(resp: { respData: Buffer; contentType: string; errorCode?: number }): Buffer {
  const parts = [lengthDelimited(1, resp.respData), lengthDelimited(2, Buffer.from(resp.contentType, 'utf8'))];
  if (resp.errorCode && resp.errorCode > 0) parts.push(varint((3 << 3) | 0), varint(resp.errorCode));
  return Buffer.concat(parts);
}

/** Test helper and documentation of the request side: what the SDK encodes. */
export function encodeCommApiData(params: Record<string, unknown>, appid?: string): Buffer {
  const pairs = Object.entries(params).map(([key, v]) => {
    const kv = Buffer.concat([lengthDelimited(1, Buffer.from(key)), lengthDelimited(2, Buffer.from(JSON.stringify(v)))]);
    return lengthDelimited(1, kv);
  });
  const parts = [varint(1 << 3), varint(0), lengthDelimited(2, Buffer.concat(pairs))];
  if (appid) parts.push(lengthDelimited(6, Buffer.from(appid)));
  return Buffer.concat(parts);
}
