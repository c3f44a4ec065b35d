/**
 * News and outreach: the desk's editorial workflow and the public pages'
 * reads. Writes authorize through the guard and run in one transaction with
 * their history row and audit row; public reads only ever see `terbit`.
 */
import {
  ACTION_PERMISSION,
  availableActions,
  excerptOf,
  newsTransition,
  slugify,
  uniqueSlug,
  type NewsStatus,
} from '../../domain/news/news.ts';
import { sanitizeNewsHtml } from '../../domain/news/news-html.ts';
import type {
  NewsBody,
  NewsDetail,
  NewsTransitionBody,
  PublicNewsDetail,
} from '../../domain/news/news.schema.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, type Access } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../http/transaction.ts';
import {
  deleteNewsPhoto,
  eventsOfNews,
  findNews,
  findPublishedBySlug,
  firstPhotos,
  insertNews,
  insertNewsEvent,
  listNews,
  listPublished,
  lockNews,
  photosOfNews,
  slugsLike,
  updateNews,
  type NewsPhotoRow,
  type NewsRow,
} from './news.repository.ts';

const notFound = () => err(domainError('not_found', 'news.not_found', 'Berita tidak ditemukan.'));

function actorName(actor: Actor): string | null {
  return actor.fullName ?? actor.username;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function listItem(row: NewsRow) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    place: row.place,
    date: row.newsDate,
    status: row.status,
    excerpt: row.excerpt,
    authorName: row.authorName,
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: iso(row.publishedAt),
  };
}

/** The public address of a published item's photo. */
export function publicPhotoUrl(slug: string, sha256: string): string {
  return `/api/public/news/${slug}/photos/${sha256}`;
}

// ---------------------------------------------------------------- desk reads

export async function deskNewsList(
  db: Db,
  actor: Actor,
  status?: NewsStatus,
): Promise<Result<ReturnType<typeof listItem>[]>> {
  const allowed = canRead(actor, 'news.write');
  if (!allowed.ok) return allowed;
  return ok((await listNews(db, status)).map(listItem));
}

async function detailOf(db: Db, actor: Actor, row: NewsRow): Promise<NewsDetail> {
  const [events, photos] = await Promise.all([eventsOfNews(db, row.id), photosOfNews(db, row.id)]);
  const permissions = {
    write: canRead(actor, 'news.write').ok,
    publish: canRead(actor, 'news.publish').ok,
  };
  return {
    ...listItem(row),
    // Never trust what is stored: cleaned again on the way out.
    bodyHtml: sanitizeNewsHtml(row.bodyHtml),
    people: row.people,
    photos: photos.map((p) => ({
      sha256: p.sha256,
      mediaType: p.mediaType,
      bytes: p.bytes,
      caption: p.caption,
    })),
    reviewNote: row.reviewNote,
    history: events.map((e) => ({
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      actorName: e.actorName,
      at: e.at.toISOString(),
    })),
    actions: availableActions(row.status, permissions),
    editable: row.status === 'draf' && permissions.write,
  };
}

export async function deskNewsDetail(
  db: Db,
  actor: Actor,
  id: number,
): Promise<Result<NewsDetail>> {
  const allowed = canRead(actor, 'news.write');
  if (!allowed.ok) return allowed;
  const row = await findNews(db, id);
  if (row === undefined) return notFound();
  return ok(await detailOf(db, actor, row));
}

// ---------------------------------------------------------------- desk writes

/** The stored form of a body: the sanitised HTML, its excerpt, the people quoted. */
function content(body: NewsBody) {
  const bodyHtml = sanitizeNewsHtml(body.body);
  return { bodyHtml, excerpt: excerptOf(bodyHtml) };
}

function emptyBody() {
  return err(
    domainError(
      'invalid',
      'news.body_empty',
      'Isi berita kosong setelah dibersihkan dari kode yang tidak diizinkan.',
      'body',
    ),
  );
}

export async function createNews(
  db: Db,
  actor: Actor,
  body: NewsBody,
  now: Date = new Date(),
): Promise<Result<NewsDetail>> {
  const what = { action: 'news.create', targetType: 'news' };
  const auth = await authorizeWrite(db, actor, 'news.write', undefined, what);
  if (!auth.ok) return auth;
  const { bodyHtml, excerpt } = content(body);
  if (excerpt === '') return emptyBody();
  const base = slugify(body.title);
  const saved = await inTransaction(db, async (tx) => {
    const slug = uniqueSlug(base, await slugsLike(tx, base));
    const row = await insertNews(tx, {
      slug,
      title: body.title,
      place: body.place,
      newsDate: body.date,
      bodyHtml,
      excerpt,
      people: body.people,
      status: 'draf',
      authorUserId: actor.userId,
      authorName: actorName(actor),
      createdAt: now,
      updatedAt: now,
    });
    await insertNewsEvent(tx, {
      newsId: row.id,
      action: 'tulis',
      fromStatus: null,
      toStatus: 'draf',
      actorUserId: actor.userId,
      actorName: actorName(actor),
      at: now,
    });
    await auditWrite(
      tx,
      auth.value,
      { ...what, targetId: row.id },
      { after: { slug, title: row.title } },
    );
    return ok(row);
  });
  if (!saved.ok) return saved;
  return ok(await detailOf(db, actor, saved.value));
}

export async function editNews(
  db: Db,
  actor: Actor,
  id: number,
  body: NewsBody,
  now: Date = new Date(),
): Promise<Result<NewsDetail>> {
  const what = { action: 'news.edit', targetType: 'news', targetId: id };
  const auth = await authorizeWrite(db, actor, 'news.write', undefined, what);
  if (!auth.ok) return auth;
  const { bodyHtml, excerpt } = content(body);
  if (excerpt === '') return emptyBody();
  const saved = await inTransaction(db, async (tx) => {
    const current = await lockNews(tx, id);
    if (current === undefined) return notFound();
    if (current.status !== 'draf') {
      return err(
        domainError(
          'conflict',
          'news.not_draft',
          'Hanya draf yang dapat diubah; minta peninjau mengembalikannya ke draf.',
        ),
      );
    }
    // The address follows the title until the item is first published, then stays.
    let slug = current.slug;
    if (current.publishedAt === null && body.title !== current.title) {
      const base = slugify(body.title);
      const taken = await slugsLike(tx, base);
      taken.delete(current.slug);
      slug = uniqueSlug(base, taken);
    }
    const row = await updateNews(tx, id, {
      slug,
      title: body.title,
      place: body.place,
      newsDate: body.date,
      bodyHtml,
      excerpt,
      people: body.people,
      updatedAt: now,
    });
    await auditWrite(tx, auth.value, what, {
      before: { title: current.title, slug: current.slug },
      after: { title: row.title, slug },
    });
    return ok(row);
  });
  if (!saved.ok) return saved;
  return ok(await detailOf(db, actor, saved.value));
}

export async function transitionNews(
  db: Db,
  actor: Actor,
  id: number,
  body: NewsTransitionBody,
  now: Date = new Date(),
): Promise<Result<NewsDetail>> {
  const what = { action: `news.${body.action}`, targetType: 'news', targetId: id };
  const auth = await authorizeWrite(db, actor, ACTION_PERMISSION[body.action], undefined, what);
  if (!auth.ok) return auth;
  const saved = await inTransaction(db, async (tx) => {
    const current = await lockNews(tx, id);
    if (current === undefined) return notFound();
    const moved = newsTransition(current.status, body.action, body.note);
    if (!moved.ok) return moved;
    const { from, to, note } = moved.value;
    const row = await updateNews(tx, id, {
      status: to,
      updatedAt: now,
      ...(body.action === 'kembalikan' ? { reviewNote: note } : {}),
      ...(body.action === 'terbitkan'
        ? { publishedAt: current.publishedAt ?? now, reviewNote: null }
        : {}),
    });
    await insertNewsEvent(tx, {
      newsId: id,
      action: body.action,
      fromStatus: from,
      toStatus: to,
      note,
      actorUserId: actor.userId,
      actorName: actorName(actor),
      at: now,
    });
    await auditWrite(tx, auth.value, what, {
      before: { status: from },
      after: { status: to, ...(note === null ? {} : { note }) },
    });
    return ok(row);
  });
  if (!saved.ok) return saved;
  return ok(await detailOf(db, actor, saved.value));
}

/** May this caller add a photo to this item (a writer, the item a draf)? */
export async function authorizeNewsPhoto(
  db: Db,
  actor: Actor,
  id: number,
): Promise<Result<Access>> {
  const what = { action: 'news.photo', targetType: 'news', targetId: id };
  const auth = await authorizeWrite(db, actor, 'news.write', undefined, what);
  if (!auth.ok) return auth;
  const row = await findNews(db, id);
  if (row === undefined) return notFound();
  if (row.status !== 'draf') {
    return err(
      domainError('conflict', 'news.not_draft', 'Foto hanya dapat ditambahkan pada draf.'),
    );
  }
  return auth;
}

/** Removes a photo from a draf (writers), audited in the same transaction. */
export async function removeNewsPhoto(
  db: Db,
  actor: Actor,
  id: number,
  sha256: string,
): Promise<Result<NewsDetail>> {
  const what = { action: 'news.photo_remove', targetType: 'news', targetId: id };
  const auth = await authorizeWrite(db, actor, 'news.write', undefined, what);
  if (!auth.ok) return auth;
  const saved = await inTransaction(db, async (tx) => {
    const current = await lockNews(tx, id);
    if (current === undefined) return notFound();
    if (current.status !== 'draf') {
      return err(domainError('conflict', 'news.not_draft', 'Foto hanya dapat dihapus dari draf.'));
    }
    if (!(await deleteNewsPhoto(tx, id, sha256))) {
      return err(domainError('not_found', 'news.photo_not_found', 'Foto tidak ditemukan.'));
    }
    await auditWrite(tx, auth.value, what, { before: { sha256 } });
    return ok(current);
  });
  if (!saved.ok) return saved;
  return ok(await detailOf(db, actor, saved.value));
}

// ---------------------------------------------------------------- public reads

function publicItem(row: NewsRow, photo: NewsPhotoRow | undefined) {
  return {
    slug: row.slug,
    title: row.title,
    place: row.place,
    date: row.newsDate,
    excerpt: row.excerpt,
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
    image: photo === undefined ? null : publicPhotoUrl(row.slug, photo.sha256),
  };
}

/** Published items only, newest first. */
export async function publicNewsList(db: Db, limit: number) {
  const rows = await listPublished(db, limit);
  const photos = await firstPhotos(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => publicItem(r, photos.get(r.id)));
}

/** Published items with their cleaned bodies, for the feeds (two queries whatever the count). */
export async function publicFeedEntries(db: Db, limit: number) {
  const rows = await listPublished(db, limit);
  const photos = await firstPhotos(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...publicItem(r, photos.get(r.id)),
    bodyHtml: sanitizeNewsHtml(r.bodyHtml),
  }));
}

/** A published item by its slug; anything else (draf, diajukan, unknown) is not found. */
export async function publicNewsDetail(
  db: Db,
  slug: string,
): Promise<Result<PublicNewsDetail & { id: number }>> {
  const row = await findPublishedBySlug(db, slug);
  if (row === undefined) return notFound();
  const photos = await photosOfNews(db, row.id);
  return ok({
    id: row.id,
    ...publicItem(row, photos[0]),
    bodyHtml: sanitizeNewsHtml(row.bodyHtml),
    people: row.people,
    photos: photos.map((p) => ({
      url: publicPhotoUrl(row.slug, p.sha256),
      caption: p.caption,
      mediaType: p.mediaType,
    })),
  });
}
