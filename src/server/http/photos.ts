/**
 * Photos sent as a raw request body (JPEG, PNG or WebP), shared by every
 * feature that takes them (C.Hasil forms, problems, news): the body parser,
 * the checks with the feature's error codes (`<prefix>.photo_type`,
 * `<prefix>.photo_empty`, `<prefix>.photo_too_large`), and one
 * content-addressed store, `<dataDir>/photos/<2 hex>/<sha256>.<ext>`, so a
 * photo is kept once whichever feature sent it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import sharp from 'sharp';
import type { ZodApp } from './reply.ts';

export const PHOTO_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** Takes the photo types as raw buffers in this plugin context (once). */
export function acceptPhotoBodies(app: ZodApp, bodyLimit: number): void {
  for (const type of Object.keys(PHOTO_TYPES)) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => {
        done(null, body);
      });
    }
  }
}

export interface Photo {
  readonly body: Buffer;
  readonly mediaType: string;
  readonly ext: string;
}

/** Why a photo is refused: the status and the error body. */
export interface PhotoRefusal {
  readonly status: 413 | 415 | 422;
  readonly code: string;
  readonly message: string;
}

/** The request's photo, or its refusal when the body is not JPEG, PNG or WebP. */
export function photoOf(req: FastifyRequest, prefix: string): Photo | PhotoRefusal {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  const ext = PHOTO_TYPES[mediaType];
  if (ext === undefined || !Buffer.isBuffer(req.body)) {
    return {
      status: 415,
      code: `${prefix}.photo_type`,
      message: 'Foto harus berupa berkas JPEG, PNG, atau WebP.',
    };
  }
  return { body: req.body, mediaType, ext };
}

export const isRefusal = (p: Photo | PhotoRefusal): p is PhotoRefusal => 'status' in p;

/** An empty photo, or one above `limit` bytes, refused; null when it may be stored. */
export function photoSizeRefusal(photo: Photo, prefix: string, limit: number): PhotoRefusal | null {
  if (photo.body.length === 0) {
    return { status: 422, code: `${prefix}.photo_empty`, message: 'Berkas foto kosong.' };
  }
  if (photo.body.length > limit) {
    return {
      status: 413,
      code: `${prefix}.photo_too_large`,
      message: `Foto melebihi ${String(Math.round(limit / (1024 * 1024)))} MB.`,
    };
  }
  return null;
}

/** The formats taken, by what sharp reads from the bytes, with their media type. */
const FORMATS: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Above this many pixels a "photo" is refused before decoding (a decompression bomb). */
const MAX_PIXELS = 60_000_000;

/**
 * The photo as it is stored: refused when empty or above `limit` bytes, or
 * when its bytes are not a JPEG, PNG or WebP image whatever the header said
 * (HTML sent as image/jpeg, SVG as image/png); otherwise decoded and encoded
 * again in its own format, turned upright, and without any metadata (EXIF
 * GPS would tell where a reporter lives).
 */
export async function preparePhoto(
  photo: Photo,
  prefix: string,
  limit: number,
): Promise<Photo | PhotoRefusal> {
  const size = photoSizeRefusal(photo, prefix, limit);
  if (size !== null) return size;
  const notImage: PhotoRefusal = {
    status: 415,
    code: `${prefix}.photo_type`,
    message: 'Isi berkas bukan foto JPEG, PNG, atau WebP.',
  };
  try {
    const image = sharp(photo.body, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const { format } = await image.metadata();
    const mediaType = FORMATS[format];
    const ext = PHOTO_TYPES[mediaType ?? ''];
    if (mediaType === undefined || ext === undefined) return notImage;
    const upright = image.rotate();
    const out =
      format === 'jpeg'
        ? upright.jpeg({ quality: 85, mozjpeg: true })
        : format === 'png'
          ? upright.png()
          : upright.webp({ quality: 85 });
    return { body: await out.toBuffer(), mediaType, ext };
  } catch {
    return notImage;
  }
}

export function refusePhoto(reply: FastifyReply, refusal: PhotoRefusal): FastifyReply {
  return reply
    .status(refusal.status)
    .send({ error: { code: refusal.code, message: refusal.message } });
}

/** Stores the photo under its content hash (writing the same one again is harmless); returns the hash. */
export async function storePhoto(dataDir: string, photo: Photo): Promise<string> {
  const sha256 = createHash('sha256').update(photo.body).digest('hex');
  const dir = join(dataDir, 'photos', sha256.slice(0, 2));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${sha256}.${photo.ext}`), photo.body);
  return sha256;
}

/** Where a stored photo's file is, or undefined for a media type never accepted. */
export function photoPath(dataDir: string, sha256: string, mediaType: string): string | undefined {
  const ext = PHOTO_TYPES[mediaType];
  return ext === undefined
    ? undefined
    : join(dataDir, 'photos', sha256.slice(0, 2), `${sha256}.${ext}`);
}

/**
 * Answers with a stored photo's file, or 404 `<prefix>.photo_not_found` when
 * there is no such photo (the caller has checked who may see it).
 */
export async function sendPhotoFile(
  reply: FastifyReply,
  dataDir: string,
  photo: { readonly sha256: string; readonly mediaType: string } | undefined,
  prefix: string,
  cacheControl: string,
): Promise<FastifyReply> {
  const path = photo === undefined ? undefined : photoPath(dataDir, photo.sha256, photo.mediaType);
  if (photo === undefined || path === undefined) {
    return reply
      .status(404)
      .send({ error: { code: `${prefix}.photo_not_found`, message: 'Foto tidak ditemukan.' } });
  }
  return reply
    .type(photo.mediaType)
    .header('cache-control', cacheControl)
    .send(await readFile(path));
}
