/** Export (xlsx rows equal the record) and 服务证明 (issue, PDF, numbers under concurrency, verification). */
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import type { TestCloud } from '../helpers/cloud';
import { startTestCloud } from '../helpers/cloud';
import { NOW, all, okData, put, seedDemo } from './report.fixture';

// rendering a certificate (harfbuzz subset + pdf-lib) takes a few seconds on a busy 2-core machine
jest.setTimeout(60_000);
let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

const d = (s: string) => new Date(s);
const task = (id: string, title: string, start: string) => ({ _id: id, communityId: 'comm-1', communityName: '东湖社区', title, startAt: d(start), endAt: new Date(d(start).getTime() + 3 * 3600_000), status: 'finished' });
const signup = (taskId: string, openid: string, minutes: number, extra: Record<string, unknown> = {}) => ({ _id: `${taskId}:${openid}`, taskId, openid, communityId: 'comm-1', status: 'signed', minutes, confirmed: true, noshow: false, createdAt: NOW, ...extra });
const entry = (openid: string, cause: string, sourceId: string, amount: number, at: string) => ({ _id: `${cause}:${sourceId}:${openid}`, openid, cause, sourceId, amount, minutes: 0, year: 2026, reason: null, reverses: null, createdAt: d(at) });

beforeEach(async () => {
  await seedDemo(cloud);
  put(cloud, 'tasks', [task('t1', '楼道杂物清理', '2026-09-05T01:00:00Z'), task('t2', '反诈宣传', '2026-10-10T01:00:00Z')]);
  put(cloud, 'signups', [
    signup('t1', 'demo-member-1', 120), signup('t2', 'demo-member-1', 0, { noshow: true }),
    signup('t1', 'demo-member-16', 150), signup('t2', 'demo-member-16', 60),
    signup('t1', 'demo-member-3', 90), // pending in unit-1: not exported by the unit
  ]);
  put(cloud, 'ledger', [entry('demo-member-1', 'attendance', 't1', 9, '2026-09-05T05:00:00Z'), entry('demo-member-16', 'attendance', 't1', 10, '2026-09-05T05:00:00Z')]);
});

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('export', () => {
  it('the unit admin exports its verified members; the xlsx rows equal each member\'s record', async () => {
    const out = okData(await cloud.call('record', 'exportRecords', { scope: 'unit', scopeId: 'unit-1', from: '2026-01-01', to: '2026-12-31' }, 'demo-unit-1'));
    const verified = all(cloud, 'members').filter((m: any) => m.unitId === 'unit-1' && m.unitStatus === 'verified');
    expect(out.members).toBe(verified.length);
    expect(out.fileName).toMatch(/锦华区税务局.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(out.url)) as any);
    const sheet = wb.getWorksheet('党员汇总')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '手机号', '单位', '支部', '报到社区', '报到状态', '服务次数', '服务时长(小时)', '缺席次数', '积分']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount - 1).toBe(verified.length);
    const byName = new Map<string, any[]>();
    sheet.eachRow((row, n) => { if (n > 1) byName.set(String(row.getCell(1).value), (row.values as any[]).slice(1)); });
    expect(byName.has('待确认')).toBe(false);
    for (const openid of ['demo-member-1', 'demo-member-16', 'demo-member-6']) {
      const rec = okData(await cloud.call('record', 'timeline', { openid, from: '2026-01-01', to: '2026-12-31', pageSize: 50 }, 'demo-unit-1'));
      const row = byName.get(rec.member.name)!;
      expect(row.slice(6)).toEqual([rec.summary.tasks, Math.round((rec.summary.minutes / 60) * 100) / 100, rec.summary.noshows, rec.summary.points]);
      expect(String(row[1])).toMatch(/\*{4}/); // masked phone
    }
    const pending = all(cloud, 'members').find((m: any) => m._id === 'demo-member-3');
    expect(byName.has(pending.name)).toBe(false);
    const detail = wb.getWorksheet('服务明细')!;
    const zhang = [] as string[];
    detail.eachRow((row, n) => { if (n > 1 && row.getCell(1).value === '张伟') zhang.push(String(row.getCell(4).value)); });
    expect(zhang).toEqual(expect.arrayContaining(['楼道杂物清理', '反诈宣传']));
  });

  it('as a job: one page of members per call with progress, then the workbook; its rows equal the one-call export', async () => {
    // 230 more members reported here: 3 pages of 100 + the assembly
    put(cloud, 'members', Array.from({ length: 230 }, (_, i) => ({ _id: `bulk-${String(i).padStart(3, '0')}`, name: `批量${i}`, phone: '13900001111', communityId: 'comm-1', branch: '第二支部' })));
    put(cloud, 'signups', [signup('t1', 'bulk-007', 60)]);
    const period = { scope: 'community', scopeId: 'comm-1', from: '2026-01-01', to: '2026-12-31' };
    const started = okData(await cloud.call('record', 'startExport', { ...period, requestId: 'export-job-0001' }, 'demo-community-1')).job;
    expect(okData(await cloud.call('record', 'startExport', { ...period, requestId: 'export-job-0001' }, 'demo-community-1')).job.id).toBe(started.id); // a double tap: one job
    const reported = all(cloud, 'members').filter((m: any) => m.communityId === 'comm-1').length;
    expect(started).toMatchObject({ status: 'running', total: reported, done: 0, url: null });
    expect(await cloud.call('record', 'exportStep', { id: started.id }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'NOT_FOUND' }); // someone else's job
    const progress: number[] = [];
    let job = started;
    for (let i = 0; i < 10 && job.status !== 'done'; i++) {
      job = okData(await cloud.call('record', 'exportStep', { id: started.id }, 'demo-community-1')).job;
      progress.push(job.done);
    }
    const pages = Math.ceil(reported / 100);
    expect(progress).toEqual([...Array.from({ length: pages }, (_, i) => Math.min(reported, (i + 1) * 100)), reported]); // pages, then the assembly
    expect(job).toMatchObject({ status: 'done', done: reported, assembling: false });
    expect(all(cloud, 'exportJobs')[0].parts).toHaveLength(pages);
    const fromJob = new ExcelJS.Workbook();
    await fromJob.xlsx.load((await download(job.url)) as any);
    const oneCall = new ExcelJS.Workbook();
    await oneCall.xlsx.load((await download(okData(await cloud.call('record', 'exportRecords', period, 'demo-community-1')).url)) as any);
    for (const name of ['党员汇总', '服务明细']) {
      const rowsOf = (wb: ExcelJS.Workbook) => { const out: unknown[] = []; wb.getWorksheet(name)!.eachRow((r) => out.push(r.values)); return out; };
      expect(rowsOf(fromJob)).toEqual(rowsOf(oneCall));
      expect(rowsOf(fromJob).length).toBeGreaterThan(name === '党员汇总' ? reported : 1);
    }
    // a finished job answers its link again, and another step changes nothing
    expect(okData(await cloud.call('record', 'exportStep', { id: started.id }, 'demo-community-1')).job).toMatchObject({ status: 'done', done: reported, url: expect.any(String) });
  });

  it('only admins of the scope may export', async () => {
    expect(await cloud.call('record', 'exportRecords', { scope: 'unit', scopeId: 'unit-1' }, 'admin-u2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('record', 'exportRecords', { scope: 'community', scopeId: 'comm-1' }, 'demo-member-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('服务证明', () => {
  const request = (openid: string, requestId: string) => cloud.call('record', 'requestCertificate', { from: '2026-01-01', to: '2026-11-20', requestId }, openid);

  it('request → issue → PDF with the number → verify valid → revoke → verify revoked; forged number and code unknown; every check logged', async () => {
    const req = okData(await request('demo-member-1', 'req-aaaaaa'));
    expect(req).toMatchObject({ created: true, certificate: { status: 'requested', number: null } });
    expect(okData(await request('demo-member-1', 'req-aaaaaa')).certificate.id).toBe(req.certificate.id); // double tap
    expect(okData(await request('demo-member-1', 'req-bbbbbb'))).toMatchObject({ created: false }); // same period still open
    expect(await cloud.call('record', 'issueCertificate', { id: req.certificate.id }, 'admin-c2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const issued = okData(await cloud.call('record', 'issueCertificate', { id: req.certificate.id }, 'demo-community-1')).certificate;
    expect(issued).toMatchObject({ status: 'issued', minutes: 120, tasks: 1 });
    expect(issued.number).toMatch(/^ZM-COMM1-2026-000001$/);
    const pdf = await download(issued.url);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toContain(issued.number);
    expect(doc.getSubject()).toBe(issued.number);
    expect(doc.getPageCount()).toBe(1);
    expect(pdf.length).toBeLessThan(100 * 1024); // the font is cut to the glyphs used
    const code = all(cloud, 'certificates')[0].code;
    const verify = (data: Record<string, unknown>) => cloud.call('record', 'verifyCertificate', data, 'someone-anonymous');
    expect(okData(await verify({ no: issued.number, code }))).toMatchObject({ result: 'valid', name: '张伟', hours: 2, communityName: '东湖社区' });
    expect(okData(await verify({ no: 'ZM-COMM1-2026-999999' }))).toMatchObject({ result: 'unknown', name: null });
    expect(okData(await verify({ no: issued.number, code: 'f'.repeat(24) }))).toMatchObject({ result: 'unknown', name: null });
    expect(await cloud.call('record', 'revokeCertificate', { id: issued.id, reason: 'x' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    okData(await cloud.call('record', 'revokeCertificate', { id: issued.id, reason: '服务记录有误，重新核对' }, 'demo-community-1'));
    expect(okData(await verify({ no: issued.number, code }))).toMatchObject({ result: 'revoked', revokeReason: '服务记录有误，重新核对' });
    expect(all(cloud, 'certificateChecks').map((c: any) => c.result)).toEqual(['valid', 'unknown', 'unknown', 'revoked']);
  });

  it('no certificate without confirmed service; members who have not reported cannot request', async () => {
    const req = okData(await cloud.call('record', 'requestCertificate', { from: '2026-01-01', to: '2026-03-31' }, 'demo-member-1'));
    expect(await cloud.call('record', 'issueCertificate', { id: req.certificate.id }, 'demo-community-1')).toMatchObject({ ok: false, code: 'CERT_NO_SERVICE' });
    expect(await cloud.call('record', 'requestCertificate', { from: '2026-01-01', to: '2026-03-31' }, 'demo-member-2')).toMatchObject({ ok: false, code: 'NOT_REPORTED' });
  });

  it('numbers stay unique when issued concurrently; one request is issued once', async () => {
    const a = okData(await request('demo-member-1', 'req-cccccc')).certificate.id;
    const b = okData(await request('demo-member-16', 'req-dddddd')).certificate.id;
    const results = await Promise.all([a, b, a].map((id) => cloud.call('record', 'issueCertificate', { id }, 'demo-community-1')));
    const ok = results.filter((r) => r.ok).map((r) => r.data.certificate.number);
    expect(ok).toHaveLength(2);
    expect(new Set(ok).size).toBe(2);
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(['CERT_STATE']);
    expect(all(cloud, 'counters')[0]).toMatchObject({ next: 2 });
  });
});
