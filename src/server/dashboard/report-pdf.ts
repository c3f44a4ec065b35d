/**
 * Draws a report document (`domain/dashboard/report.ts`) as an A4 PDF with
 * pdfkit: heading with number and date, sections of sentences, charts from
 * the same geometry as the web page's SVG, a signature block, page numbers.
 */
import PDFDocument from 'pdfkit';
import { formatAngka } from '../../domain/common/format.ts';
import { barGeometry, columnGeometry, formatPersen } from '../../domain/dashboard/dashboard.ts';
import type { ReportChart, ReportDocument } from '../../domain/dashboard/report.ts';

/** Series colours, shared in spirit with the web page (distinct in grey print too). */
export const SERIES_COLOURS = ['#1f5fa8', '#d9822b', '#3a8f4b', '#8e44ad', '#c0392b', '#7f8c8d'];

const MARGIN = 56;
const BODY = 10;

export function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `${doc.title} ${doc.periodLabel}`,
      Author: `Desk Pilkada ${doc.regencyName}`,
      Subject: doc.number,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = MARGIN;
  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN;
  const ensure = (h: number) => {
    if (pdf.y + h > bottom()) pdf.addPage();
  };

  // Heading
  pdf.font('Helvetica-Bold').fontSize(14).text(doc.title, { align: 'center' });
  pdf.fontSize(12).text(`DESK PILKADA ${doc.regencyName.toUpperCase()}`, { align: 'center' });
  pdf.font('Helvetica').fontSize(BODY).moveDown(0.3);
  pdf.text(doc.number, { align: 'center' });
  pdf.text(doc.periodLabel, { align: 'center' });
  if (doc.madeFrom !== undefined) {
    pdf
      .fontSize(BODY - 1)
      .text(doc.madeFrom, { align: 'center' })
      .fontSize(BODY);
  }
  pdf.moveDown(0.5);
  pdf
    .moveTo(left, pdf.y)
    .lineTo(left + width, pdf.y)
    .lineWidth(1)
    .stroke('#000000');
  pdf.moveDown(0.8);

  for (const s of doc.sections) {
    ensure(40);
    pdf.font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(s.title, left, pdf.y);
    pdf.moveDown(0.2);
    pdf.font('Helvetica').fontSize(BODY);
    for (const line of s.lines) {
      ensure(14);
      pdf.text(`• ${line}`, left + 8, pdf.y, { width: width - 8 });
    }
    for (const chart of s.charts) drawChart(pdf, chart, left, width, ensure);
    pdf.moveDown(0.8);
  }

  // Signature block
  ensure(120);
  pdf.moveDown(1);
  const sigX = left + width * 0.55;
  const sigW = width * 0.45;
  pdf.font('Helvetica').fontSize(BODY).fillColor('#000000');
  pdf.text(`${doc.place}, ${doc.signedOn}`, sigX, pdf.y, { width: sigW, align: 'center' });
  pdf.text(doc.signer.position, sigX, pdf.y, { width: sigW, align: 'center' });
  pdf.moveDown(4);
  pdf
    .font('Helvetica-Bold')
    .text(doc.signer.name ?? '(.................................)', sigX, pdf.y, {
      width: sigW,
      align: 'center',
      underline: doc.signer.name !== null,
    });
  pdf.font('Helvetica');
  if (doc.signer.nip !== null)
    pdf.text(`NIP ${doc.signer.nip}`, sigX, pdf.y, { width: sigW, align: 'center' });

  // Footer with page numbers on every page
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would start a new page: the footer lives in the margin.
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN + 16;
    pdf
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(
        `${doc.footer} Halaman ${String(i - range.start + 1)} dari ${String(range.count)}.`,
        left,
        y,
        { width, align: 'center', lineBreak: false },
      );
  }
  pdf.end();
  return done;
}

function drawChart(
  pdf: PDFKit.PDFDocument,
  chart: ReportChart,
  left: number,
  width: number,
  ensure: (h: number) => void,
): void {
  // Title, legend and plot stay together on one page when they fit on one.
  const legendRows = chart.series.length > 1 ? Math.ceil(chart.series.length / 2) : 0;
  const plotHeight = chart.kind === 'bars' ? chart.rows.length * 12 : 104;
  ensure(Math.min(30 + legendRows * 12 + plotHeight, 400));
  pdf.moveDown(0.5);
  pdf.font('Helvetica-Bold').fontSize(9).fillColor('#000000').text(chart.title, left, pdf.y);
  // Legend
  if (chart.series.length > 1) {
    let x = left;
    let y = pdf.y + 2;
    pdf.font('Helvetica').fontSize(8);
    chart.series.forEach((name, i) => {
      const w = 11 + pdf.widthOfString(name) + 12;
      if (x > left && x + w > left + width) {
        x = left;
        y += 12;
      }
      pdf.rect(x, y, 8, 8).fill(SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#000000');
      pdf.fillColor('#000000').text(name, x + 11, y, { lineBreak: false });
      x += w;
    });
    pdf.y = y + 12;
  }
  pdf.moveDown(0.3);
  pdf.font('Helvetica').fontSize(8).fillColor('#000000');
  if (chart.kind === 'bars') {
    const g = barGeometry(chart.rows, chart.max);
    const labelW = 110;
    // The figure beside a bar only when there is one series (stacked shares speak through the legend).
    const valueW = chart.series.length === 1 ? 46 : 0;
    const plotW = width - labelW - valueW;
    const rowH = 12;
    chart.rows.forEach((row, i) => {
      ensure(rowH + 2);
      const y = pdf.y;
      const geo = g.rows[i];
      pdf.fillColor('#000000').text(row.label, left, y + 2, {
        width: labelW - 4,
        lineBreak: false,
        ellipsis: true,
      });
      pdf.rect(left + labelW, y + 1, plotW, rowH - 2).fill('#eeeeee');
      for (const s of geo?.segments ?? []) {
        if (s.w <= 0) continue;
        pdf
          .rect(left + labelW + s.x * plotW, y + 1, s.w * plotW, rowH - 2)
          .fill(SERIES_COLOURS[s.series % SERIES_COLOURS.length] ?? '#000000');
      }
      const first = row.values[0] ?? 0;
      if (valueW > 0)
        pdf
          .fillColor('#000000')
          .text(
            chart.percent ? formatPersen(first, 0) : formatAngka(first),
            left + labelW + plotW + 4,
            y + 2,
            {
              width: valueW - 4,
              lineBreak: false,
            },
          );
      pdf.y = y + rowH;
    });
  } else {
    const plotH = 80;
    ensure(plotH + 20);
    const g = columnGeometry(chart.rows);
    const top = pdf.y;
    const base = top + plotH;
    pdf
      .moveTo(left, base)
      .lineTo(left + width, base)
      .lineWidth(0.5)
      .stroke('#777777');
    for (const c of g.columns) {
      const h = c.h * plotH;
      if (h <= 0) continue;
      pdf
        .rect(left + c.x * width, base - h, c.w * width, h)
        .fill(SERIES_COLOURS[c.series % SERIES_COLOURS.length] ?? '#000000');
    }
    const slot = chart.rows.length === 0 ? 0 : width / chart.rows.length;
    pdf.fillColor('#000000');
    chart.rows.forEach((r, i) => {
      pdf.text(r.label, left + i * slot, base + 2, {
        width: slot,
        align: 'center',
        lineBreak: false,
      });
    });
    pdf.text(`Tertinggi: ${formatAngka(g.max)} per hari`, left, base + 12, { lineBreak: false });
    pdf.y = base + 24;
  }
  // A rectangle's fill sets the colour of the text that follows: back to black.
  pdf.fillColor('#000000');
  pdf.x = left;
}
