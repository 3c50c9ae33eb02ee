/**
 * Content security through the real wx-server-sdk wire (`cloud.openapi.security.*`): the platform's
 * answer shapes (msgSecCheck v2 result.suggest/label, 87014 for v1 and imgSecCheck), the word list in
 * DATA_DIR, the test hooks, and the functions' one helper (functions/_lib/content.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOpenapi } from '../../emulator/openapi';
import { AppError } from '../../core/contracts/errors';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let tc: TestCloud;
let content: typeof import('../../functions/_lib/content');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b2d2a50000000049454e44ae426082', 'hex');

beforeAll(async () => {
  tc = await startTestCloud();
  content = await import('../../functions/_lib/content');
});
afterAll(() => tc.stop());

async function failure(p: Promise<unknown>): Promise<any> {
  try { await p; } catch (e) { return e; }
  throw new Error('expected a failure');
}

describe('msgSecCheck', () => {
  it('v2 answers result.suggest / label and a trace id', async () => {
    const ok = await tc.sdk.openapi.security.msgSecCheck({ openid: 'u1', scene: 2, version: 2, content: '周六上午社区义诊，欢迎参加' });
    expect(ok).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
    expect(ok.traceId).toMatch(/^[0-9a-f]{24}$/);
    const bad = await tc.sdk.openapi.security.msgSecCheck({ openid: 'u1', scene: 2, version: 2, content: '出售 代开 发票' });
    expect(bad.result).toEqual({ suggest: 'risky', label: 20008 });
    expect(bad.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '代开发票' })]));
    const review = await tc.sdk.openapi.security.msgSecCheck({ openid: 'u1', scene: 3, version: 2, content: '加微信返利' });
    expect(review.result.suggest).toBe('review');
  });

  it('v1 refuses risky text with errcode 87014; v2 needs openid and a scene of 1-4', async () => {
    expect(await failure(tc.sdk.openapi.security.msgSecCheck({ content: '网络赌博' }))).toMatchObject({ errCode: 87014 });
    expect(await tc.sdk.openapi.security.msgSecCheck({ content: '你好' })).toMatchObject({ errCode: 0 });
    expect(await failure(tc.sdk.openapi.security.msgSecCheck({ version: 2, scene: 2, content: 'x' }))).toMatchObject({ errCode: 40003 });
    expect(await failure(tc.sdk.openapi.security.msgSecCheck({ version: 2, openid: 'u', scene: 9, content: 'x' }))).toMatchObject({ errCode: 40097 });
  });

  it('test hook adds words at run time; the checks are recorded', async () => {
    tc.openapi.security.addWords([{ word: '测试禁词', suggest: 'risky', label: 21000 }]);
    const r = await tc.sdk.openapi.security.msgSecCheck({ openid: 'u2', scene: 1, version: 2, content: '这是 测试禁词 一条' });
    expect(r.result).toEqual({ suggest: 'risky', label: 21000 });
    expect(tc.openapi.security.checks().at(-1)).toMatchObject({ api: 'msgSecCheck', openid: 'u2', scene: 1, verdict: { suggest: 'risky' } });
  });

  it('the word list lives in DATA_DIR/security/words.txt and is re-read when it changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sec-'));
    const api = createOpenapi({ securityDir: dir });
    expect((await api.call('security.msgSecCheck', { openid: 'u', scene: 2, version: 2, content: '网络赌博' })).json).toMatchObject({ result: { suggest: 'risky' } });
    fs.writeFileSync(path.join(dir, 'words.txt'), '# local list\n苹果\n香蕉\treview\t10001\n');
    expect((await api.call('security.msgSecCheck', { openid: 'u', scene: 2, version: 2, content: '网络赌博' })).json).toMatchObject({ result: { suggest: 'pass' } });
    expect((await api.call('security.msgSecCheck', { openid: 'u', scene: 2, version: 2, content: '买苹果' })).json).toMatchObject({ result: { suggest: 'risky', label: 20001 } });
    expect((await api.call('security.msgSecCheck', { openid: 'u', scene: 2, version: 2, content: '香 蕉' })).json).toMatchObject({ result: { suggest: 'review', label: 10001 } });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('imgSecCheck', () => {
  it('passes a clean image; 87014 for a marked image or one carrying the test marker', async () => {
    expect(await tc.sdk.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: PNG } })).toMatchObject({ errCode: 0 });
    const marked = Buffer.concat([PNG, Buffer.from('other')]);
    tc.openapi.security.markImage(marked);
    expect(await failure(tc.sdk.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: marked } }))).toMatchObject({ errCode: 87014 });
    const withMarker = Buffer.concat([PNG, Buffer.from('SBD-RISKY-IMAGE')]);
    expect(await failure(tc.sdk.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: withMarker } }))).toMatchObject({ errCode: 87014 });
  });

  it('mediaCheckAsync answers a trace id', async () => {
    const r = await tc.sdk.openapi.security.mediaCheckAsync({ mediaUrl: 'http://x/y.png', mediaType: 2, version: 2, openid: 'u', scene: 1 });
    expect(r).toMatchObject({ errCode: 0, traceId: expect.stringMatching(/^[0-9a-f]{24}$/) });
  });
});

describe('functions/_lib/content.ts', () => {
  it('assertSafeText passes clean fields and names the field that fails', async () => {
    await expect(content.assertSafeText('u1', { 姓名: '张伟', 愿望内容: '希望有人帮忙修理楼道灯', 备注: undefined, 空: '  ' }, 3)).resolves.toBeUndefined();
    const err = await failure(content.assertSafeText('u1', { 姓名: '张伟', 愿望内容: '六合彩 内部消息' }, 3));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CONTENT_RISKY', message: '愿望内容包含不适宜发布的内容，请修改后再提交' });
    expect(await failure(content.assertSafeText('u1', { 评价: '加微信返利' }))).toMatchObject({ code: 'CONTENT_RISKY' });
  });

  it('assertSafeImage passes a clean upload, deletes a risky one, and refuses a missing file', async () => {
    const clean = (await tc.sdk.uploadFile({ cloudPath: 'evidence/ok.png', fileContent: PNG })).fileID;
    await expect(content.assertSafeImage('u1', clean)).resolves.toBeUndefined();
    const bad = (await tc.sdk.uploadFile({ cloudPath: 'evidence/bad.png', fileContent: Buffer.concat([PNG, Buffer.from('SBD-RISKY-IMAGE')]) })).fileID;
    expect(await failure(content.assertSafeImage('u1', bad))).toMatchObject({ code: 'CONTENT_RISKY', message: '图片包含不适宜发布的内容，请更换图片' });
    expect(tc.storage.files.stat('evidence/bad.png')).toBeNull();
    expect(await failure(content.assertSafeImage('u1', bad))).toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
