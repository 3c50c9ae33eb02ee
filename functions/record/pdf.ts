/**
 * 服务证明 PDF: pdf-lib with the CJK font in ./assets (subset again per document, so only the glyphs
 * a certificate uses are embedded) and the verification QR drawn as vector squares (no image).
 */
import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import subsetFont from 'subset-font';

export interface CertificateContent {
  number: string;
  name: string;
  /** masked identity data, e.g. 手机 138****1234 */
  identity: string;
  unitName: string | null;
  from: string;
  to: string;
  minutes: number;
  tasks: Array<{ day: string; title: string; minutes: number }>;
  communityName: string;
  issuedDay: string;
  verifyUrl: string;
}

let fontBytes: Buffer | null = null;
export function font(): Buffer {
  fontBytes ??= fs.readFileSync(process.env.H13_FONT ?? path.join(__dirname, 'assets', 'NotoSansSC-GB2312L1.ttf'));
  return fontBytes;
}

/** Every fixed text of the certificate below (keep in step): their characters are always embedded. */
const LABELS = '志愿服务证明编号出具日期：兹（，）于至期间在参加次经社区确认的时长累计小内容录……另有详见记实档案本依据免费提供。扫描右下角二维码或“双报到”程序核验中输入可真伪单位党组织';
export const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

export const RED = rgb(0.784, 0.063, 0.18);
export const GREY = rgb(0.4, 0.4, 0.4);
export const BLACK = rgb(0.1, 0.1, 0.1);
const hours = (m: number) => `${Math.round((m / 60) * 10) / 10}`;

/** Splits text into lines no wider than `width` (CJK can break anywhere). */
export function wrap(text: string, f: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (f.widthOfTextAtSize(line + ch, size) > width && line) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) page.drawRectangle({ x: x + c * cell, y: y + size - (r + 1) * cell, width: cell + 0.05, height: cell + 0.05, color: BLACK });
    }
  }
}

/** Renders the certificate (A4). Characters outside GB 2312 fall back to the font's .notdef box. */
export async function renderCertificate(c: CertificateContent): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`志愿服务证明 ${c.number}`);
  doc.setSubject(c.number);
  doc.setProducer('双报到');
  doc.setCreator('双报到');
  // harfbuzz cuts the font to the characters this certificate uses; pdf-lib embeds that as is
  // (fontkit's own subsetter drops glyphs of CJK fonts: the PDF showed gaps)
  const used = new Set(Array.from(LABELS + ASCII + JSON.stringify(c)));
  const f = await doc.embedFont(await subsetFont(font(), [...used].join(''), { targetFormat: 'sfnt' }), { subset: false });
  const page = doc.addPage([595.28, 841.89]);
  const W = page.getWidth();
  const M = 56;
  const text = (s: string, x: number, y: number, size = 12, color = BLACK) => page.drawText(s, { x, y, size, font: f, color });
  const center = (s: string, y: number, size: number, color = BLACK) => text(s, (W - f.widthOfTextAtSize(s, size)) / 2, y, size, color);

  page.drawRectangle({ x: 28, y: 28, width: W - 56, height: 841.89 - 56, borderColor: RED, borderWidth: 2 });
  center('志愿服务证明', 760, 28, RED);
  text(`证明编号：${c.number}`, M, 724, 11, GREY);
  text(`出具日期：${c.issuedDay}`, W - M - f.widthOfTextAtSize(`出具日期：${c.issuedDay}`, 11), 724, 11, GREY);

  let y = 680;
  const para = (s: string, size = 13) => {
    for (const l of wrap(s, f, size, W - 2 * M)) {
      text(l, M, y, size);
      y -= size + 9;
    }
  };
  para(`兹证明 ${c.name}（${c.identity}${c.unitName ? `，${c.unitName}` : ''}）于 ${c.from} 至 ${c.to} 期间，在${c.communityName}参加志愿服务 ${c.tasks.length} 次，经社区确认的服务时长累计 ${hours(c.minutes)} 小时。`);
  y -= 8;
  text('服务内容（经确认的服务记录）：', M, y, 12, GREY);
  y -= 22;
  const shown = c.tasks.slice(0, 18);
  for (const t of shown) {
    text(t.day, M, y, 11);
    const title = wrap(t.title, f, 11, W - 2 * M - 150)[0];
    text(title, M + 80, y, 11);
    const h = `${hours(t.minutes)} 小时`;
    text(h, W - M - f.widthOfTextAtSize(h, 11), y, 11);
    y -= 19;
  }
  if (c.tasks.length > shown.length) {
    text(`……另有 ${c.tasks.length - shown.length} 次服务，详见记实档案`, M, y, 11, GREY);
    y -= 19;
  }
  y -= 10;
  para('本证明依据社区志愿服务记录出具，免费提供。扫描右下角二维码或在“双报到”小程序“证明核验”中输入编号可核验真伪。', 11);

  text(`出具单位：${c.communityName}（党组织）`, M, 150, 13);
  text(`日期：${c.issuedDay}`, M, 126, 13);
  drawQr(page, c.verifyUrl, W - M - 110, 96, 110);
  text('扫码核验', W - M - 110 + (110 - f.widthOfTextAtSize('扫码核验', 10)) / 2, 82, 10, GREY);
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}
