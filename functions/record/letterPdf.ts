/**
 * 反馈单 / 出具意见 as a PDF the unit can file: the same CJK font subset as the certificates (only
 * the characters of this letter are embedded), A4, the number and the issuing community on it.
 * Rendered from the sent letter, which never changes, so every download shows the same content.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import subsetFont from 'subset-font';
import { ASCII, BLACK, GREY, RED, font, wrap } from './pdf';

export interface LetterContent {
  kind: 'quarter' | 'year' | 'opinion';
  number: string;
  name: string;
  phone: string;
  unitName: string;
  communityName: string;
  periodLabel: string;
  purpose: string | null;
  lines: Array<{ label: string; value: string; answer: string | null }>;
  grade: string | null;
  gradeRule: string;
  comment: string;
  sentDay: string;
}

const LABELS = '党员报到服务反馈单关于同志情况的意见编号：党组织期间项目内容异议经核实社区答复等次评定规则评语用途出具日期（）此致敬礼';

export async function renderLetter(c: LetterContent): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const title = c.kind === 'opinion' ? `关于${c.name}同志报到服务情况的意见` : '在职党员到社区报到服务反馈单';
  doc.setTitle(`${title} ${c.number}`);
  doc.setSubject(c.number);
  doc.setProducer('双报到');
  doc.setCreator('双报到');
  const used = new Set(Array.from(LABELS + ASCII + title + JSON.stringify(c)));
  const f = await doc.embedFont(await subsetFont(font(), [...used].join(''), { targetFormat: 'sfnt' }), { subset: false });
  const H = 841.89;
  const W = 595.28;
  const M = 56;
  let page = doc.addPage([W, H]);
  let y = 0;
  const text = (s: string, x: number, yy: number, size = 12, color = BLACK) => page.drawText(s, { x, y: yy, size, font: f, color });
  const newPage = () => {
    page = doc.addPage([W, H]);
    y = H - M;
  };
  const para = (s: string, size = 12, color = BLACK, indent = 0) => {
    for (const l of wrap(s, f, size, W - 2 * M - indent)) {
      if (y < M + 20) newPage();
      text(l, M + indent, y, size, color);
      y -= size + 8;
    }
  };
  text(title, (W - f.widthOfTextAtSize(title, 20)) / 2, H - 80, 20, RED);
  text(`编号：${c.number}`, M, H - 112, 11, GREY);
  const day = `出具日期：${c.sentDay}`;
  text(day, W - M - f.widthOfTextAtSize(day, 11), H - 112, 11, GREY);
  y = H - 150;
  para(`${c.unitName}党组织：`, 13);
  y -= 4;
  para(c.kind === 'opinion'
    ? `贵单位${c.name}同志（${c.phone}）在${c.communityName}报到。${c.purpose ? `应贵单位“${c.purpose}”之需，` : ''}现出具意见如下：`
    : `贵单位${c.name}同志（${c.phone}）${c.periodLabel}在${c.communityName}报到服务情况反馈如下：`, 12, BLACK, 24);
  y -= 6;
  for (const l of c.lines) {
    if (y < M + 40) newPage();
    text(l.label, M + 12, y, 12, GREY);
    const lines = wrap(l.value, f, 12, W - 2 * M - 120);
    lines.forEach((v, i) => text(v, M + 120, y - i * 18, 12));
    y -= 18 * Math.max(1, lines.length);
    if (l.answer) para(`（经党员提出异议，社区核实答复：${l.answer}）`, 10, GREY, 120);
    page.drawLine({ start: { x: M, y: y + 10 }, end: { x: W - M, y: y + 10 }, thickness: 0.5, color: GREY });
    y -= 6;
  }
  y -= 6;
  if (c.grade) {
    para(`${c.kind === 'opinion' ? '意见等次' : '等次'}：${c.grade}`, 13);
    if (c.gradeRule) para(`评定规则：${c.gradeRule}`, 10, GREY);
  }
  if (c.comment) {
    y -= 4;
    para(`${c.kind === 'opinion' ? '意见' : '社区评语'}：${c.comment}`, 12);
  }
  if (y < M + 90) newPage();
  y -= 30;
  const sign = `${c.communityName}党组织`;
  text(sign, W - M - f.widthOfTextAtSize(sign, 13), y, 13);
  text(c.sentDay, W - M - f.widthOfTextAtSize(c.sentDay, 13), y - 22, 13);
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}
