/**
 * Small versions of stored photos for lists (`?ukuran=kecil`): a phone on a
 * slow link shows a page of C.Hasil, problem or house photos without
 * fetching each full photo (up to 10 MB). Made by sharp on first request
 * (turned upright, at most 320 px, JPEG) and kept beside the photos, by
 * the photo's hash, so each is made once.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyReply } from 'fastify';
import sharp from 'sharp';
import { z } from 'zod';
import { photoPath, sendPhotoFile } from './photos.ts';

export const THUMBNAIL_PX = 320;

/** The query of a photo route: `ukuran=kecil` for the thumbnail. */
export const PhotoSizeQuery = z.object({
  ukuran: z.enum(['kecil', 'asli']).default('asli').meta({
    description: '`kecil`: a JPEG of at most 320 px for lists; `asli`: the photo as sent',
  }),
});

function thumbnailPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'thumbs', sha256.slice(0, 2), `${sha256}-${String(THUMBNAIL_PX)}.jpg`);
}

/** The thumbnail of a stored photo (made once), or the photo itself when asked for `asli`. */
export async function sendPhotoSized(
  reply: FastifyReply,
  dataDir: string,
  photo: { readonly sha256: string; readonly mediaType: string } | undefined,
  prefix: string,
  cacheControl: string,
  size: 'kecil' | 'asli',
): Promise<FastifyReply> {
  const source =
    photo === undefined ? undefined : photoPath(dataDir, photo.sha256, photo.mediaType);
  if (size === 'asli' || photo === undefined || source === undefined) {
    return sendPhotoFile(reply, dataDir, photo, prefix, cacheControl);
  }
  const path = thumbnailPath(dataDir, photo.sha256);
  let body = await readFile(path).catch(() => undefined);
  if (body === undefined) {
    try {
      body = await sharp(source)
        .rotate()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 70 })
        .toBuffer();
    } catch {
      // Not an image sharp can read (or the file is missing): the photo as it is.
      return sendPhotoFile(reply, dataDir, photo, prefix, cacheControl);
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  }
  return reply.type('image/jpeg').header('cache-control', cacheControl).send(body);
}
