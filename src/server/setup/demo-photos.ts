/**
 * Photos of signed C.Hasil-KWK forms for the demo, so that the PPK's demo
 * account checks figures against a real picture: a sheet with the TPS, the
 * contest and the form's figures written on it, drawn as SVG and encoded as
 * JPEG by sharp. The same figures give the same bytes, so the database rows
 * (made once, at `init --demo`) and the files (written into each server's
 * data directory by `writeDemoPhotos`) always agree by their hash.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { and, asc, eq, like } from 'drizzle-orm';
import sharp from 'sharp';
import { formatAngka, formatTps } from '../../domain/common/format.ts';
import type { ChasilForm } from '../../domain/results/chasil.ts';
import type { Db } from '../db/connection.ts';
import {
  candidatePair,
  contest,
  region,
  resultPhoto,
  resultSubmission,
  tps,
} from '../db/schema.ts';
import { photoPath } from '../http/photos.ts';

/** Who "uploaded" a demo photo: the demo's KPPS names all end so. */
export const DEMO_UPLOADER_SUFFIX = ' (demo)';

export interface FormPhotoInput {
  readonly tpsLabel: string;
  readonly desaName: string;
  readonly contestName: string;
  readonly pairs: readonly { ballot: number | null; names: string; votes: number }[];
  readonly form: ChasilForm;
}

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The SVG of a filled-in form (only what a PPK compares: the totals and each pair's votes). */
export function formPhotoSvg(input: FormPhotoInput): string {
  const { form } = input;
  const rows: [string, number][] = [
    ['I.A Jumlah pemilih dalam DPT', form.registered.dpt.total],
    ['I.B Pengguna hak pilih', form.voted.total.total],
    ['II Surat suara diterima', form.ballots.received],
    ['II Surat suara digunakan', form.ballots.used],
    ...input.pairs.map((p): [string, number] => [
      `Paslon ${String(p.ballot ?? '-').padStart(2, '0')}  ${p.names}`,
      p.votes,
    ]),
    ['IV.A Suara sah', form.valid],
    ['IV.B Suara tidak sah', form.invalid],
    ['IV.C Jumlah suara', form.total],
  ];
  const lineHeight = 64;
  const top = 300;
  const body = rows
    .map(([label, value], i) => {
      const y = top + i * lineHeight;
      return [
        `<line x1="60" y1="${String(y + 18)}" x2="840" y2="${String(y + 18)}" stroke="#9a968c" stroke-width="2"/>`,
        `<text x="70" y="${String(y)}" font-size="26">${esc(label)}</text>`,
        // Handwritten figures: larger, in blue ink.
        `<text x="830" y="${String(y)}" font-size="40" text-anchor="end" fill="#1b3a8a" font-style="italic">${formatAngka(value)}</text>`,
      ].join('');
    })
    .join('');
  const signY = top + rows.length * lineHeight + 60;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${String(signY + 200)}" font-family="DejaVu Sans, sans-serif" fill="#222">
<rect width="100%" height="100%" fill="#f2eee3"/>
<rect x="30" y="30" width="840" height="${String(signY + 140)}" fill="none" stroke="#55524b" stroke-width="3"/>
<text x="450" y="100" font-size="40" font-weight="bold" text-anchor="middle">MODEL C.HASIL-KWK</text>
<text x="450" y="150" font-size="26" text-anchor="middle">${esc(input.contestName)}</text>
<text x="70" y="215" font-size="28">${esc(input.tpsLabel)} · Desa ${esc(input.desaName)}</text>
${body}
<text x="70" y="${String(signY)}" font-size="24">Ketua KPPS</text>
<path d="M 80 ${String(signY + 80)} q 40 -50 80 0 t 80 0 t 80 -10" stroke="#1b3a8a" stroke-width="4" fill="none"/>
<text x="560" y="${String(signY)}" font-size="24">Saksi</text>
<path d="M 570 ${String(signY + 80)} q 30 -40 60 0 t 60 0" stroke="#1b3a8a" stroke-width="4" fill="none"/>
</svg>`;
}

/** The JPEG of a filled-in form. */
export async function renderFormPhoto(input: FormPhotoInput): Promise<Buffer> {
  return sharp(Buffer.from(formPhotoSvg(input)))
    .jpeg({ quality: 72 })
    .toBuffer();
}

/** What the demo's photo of a TPS's form for a contest shows, from the database. */
export async function formPhotoInput(
  db: Db,
  tpsId: number,
  contestId: number,
): Promise<FormPhotoInput | undefined> {
  const [row] = await db
    .select({
      number: tps.number,
      desaName: region.name,
      contestName: contest.name,
      form: resultSubmission.form,
    })
    .from(resultSubmission)
    .innerJoin(tps, eq(tps.id, resultSubmission.tpsId))
    .innerJoin(region, eq(region.code, tps.desaCode))
    .innerJoin(contest, eq(contest.id, resultSubmission.contestId))
    .where(
      and(
        eq(resultSubmission.tpsId, tpsId),
        eq(resultSubmission.contestId, contestId),
        eq(resultSubmission.version, 1),
      ),
    );
  if (row === undefined) return undefined;
  const form = row.form as ChasilForm;
  const pairs = await db
    .select({
      id: candidatePair.id,
      ballot: candidatePair.ballotNumber,
      head: candidatePair.headName,
    })
    .from(candidatePair)
    .where(eq(candidatePair.contestId, contestId))
    .orderBy(asc(candidatePair.ballotNumber), asc(candidatePair.id));
  return {
    tpsLabel: formatTps(row.number),
    desaName: row.desaName,
    contestName: row.contestName,
    form,
    pairs: pairs.map((p) => ({
      ballot: p.ballot,
      names: p.head.length > 24 ? `${p.head.slice(0, 23)}…` : p.head,
      votes: form.votes.find((v) => v.selectionId === p.id)?.votes ?? 0,
    })),
  };
}

/** Renders a demo form photo and records it for the TPS and contest; returns its hash. */
export async function insertDemoFormPhoto(
  db: Db,
  tpsId: number,
  contestId: number,
  uploadedBy: string,
): Promise<string | undefined> {
  const input = await formPhotoInput(db, tpsId, contestId);
  if (input === undefined) return undefined;
  const jpeg = await renderFormPhoto(input);
  const sha256 = createHash('sha256').update(jpeg).digest('hex');
  await db
    .insert(resultPhoto)
    .values({ tpsId, contestId, sha256, mediaType: 'image/jpeg', bytes: jpeg.length, uploadedBy })
    .onConflictDoNothing();
  return sha256;
}

/**
 * Writes the files of the demo's form photos into `dataDir` (those missing),
 * re-rendered from the figures they show; a database without demo photos
 * costs one query. Returns how many files were written.
 */
export async function writeDemoPhotos(db: Db, dataDir: string): Promise<number> {
  const rows = await db
    .select()
    .from(resultPhoto)
    .where(like(resultPhoto.uploadedBy, `%${DEMO_UPLOADER_SUFFIX}`));
  let written = 0;
  for (const row of rows) {
    const path = photoPath(dataDir, row.sha256, row.mediaType);
    if (path === undefined) continue;
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    const input = await formPhotoInput(db, row.tpsId, row.contestId);
    if (input === undefined) continue;
    const jpeg = await renderFormPhoto(input);
    // The bytes are those hashed at init (same figures, same encoder); if a
    // different sharp build drew them otherwise, the photo still shows them.
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, jpeg);
    written += 1;
  }
  return written;
}
