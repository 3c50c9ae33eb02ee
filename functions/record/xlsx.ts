/**
 * The export workbook, written as a stream (exceljs WorkbookWriter to a temp file): rows are
 * committed as they are added, so memory stays flat however many members a page loop feeds in.
 * Sheet 1 党员汇总: one row per member; sheet 2 服务明细: one row per record line with service.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { RecordSummary, TimelineItem } from '../../core/domain/record';
import { dayKey } from '../../core/domain/hours';

export interface ExportMember { name: string; phone: string; unitName: string; branch: string; communityName: string; reportStatus: string }

export type Cell = string | number;
export interface MemberRows { summary: Cell[]; details: Cell[][] }

const hours = (m: number) => Math.round((m / 60) * 100) / 100;

export const SUMMARY_HEADERS = ['姓名', '手机号', '单位', '支部', '报到社区', '报到状态', '服务次数', '服务时长(小时)', '缺席次数', '积分'];
export const DETAIL_HEADERS = ['姓名', '日期', '类别', '内容', '说明', '服务时长(小时)', '积分', '状态'];
const KIND: Record<string, string> = { report: '报到', move: '转出', task: '志愿服务', points: '积分', evaluation: '评价', certificate: '服务证明', pledge: '承诺', wish: '微心愿' };

/** A member's summary row and detail rows (oldest first, as people read a ledger): plain JSON. */
export function memberRows(m: ExportMember, s: RecordSummary, items: TimelineItem[]): MemberRows {
  const details: Cell[][] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    details.push([m.name, dayKey(it.at), KIND[it.kind] ?? it.kind, it.title, it.detail, hours(it.minutes), it.points, it.status ?? '']);
  }
  return { summary: [m.name, m.phone, m.unitName, m.branch, m.communityName, m.reportStatus, s.tasks, hours(s.minutes), s.noshows, s.points], details };
}

export class RecordWorkbook {
  readonly file = path.join(os.tmpdir(), `record-export-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.xlsx`);
  private wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: this.file, useStyles: true, useSharedStrings: false });
  private summary: ExcelJS.Worksheet;
  private detail: ExcelJS.Worksheet;
  rows = 0;

  constructor(title: string) {
    this.wb.creator = '双报到';
    this.wb.title = title;
    this.summary = this.wb.addWorksheet('党员汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
    this.summary.columns = SUMMARY_HEADERS.map((h, i) => ({ header: h, key: `c${i}`, width: [10, 15, 22, 22, 14, 10, 10, 15, 10, 8][i] }));
    this.detail = this.wb.addWorksheet('服务明细', { views: [{ state: 'frozen', ySplit: 1 }] });
    this.detail.columns = DETAIL_HEADERS.map((h, i) => ({ header: h, key: `d${i}`, width: [10, 12, 10, 28, 30, 15, 8, 12][i] }));
    for (const ws of [this.summary, this.detail]) ws.getRow(1).font = { bold: true };
  }

  add(m: ExportMember, s: RecordSummary, items: TimelineItem[]) {
    this.addRows(memberRows(m, s, items));
  }

  /** One member's rows as prepared by memberRows (an export job stores them between calls). */
  addRows(r: MemberRows) {
    this.summary.addRow(r.summary).commit();
    for (const d of r.details) this.detail.addRow(d).commit();
    this.rows++;
  }

  /** Finishes the file and answers its bytes; the temp file is removed. */
  async finish(): Promise<Buffer> {
    this.summary.commit();
    this.detail.commit();
    await this.wb.commit();
    try {
      return fs.readFileSync(this.file);
    } finally {
      fs.rmSync(this.file, { force: true });
    }
  }
}
