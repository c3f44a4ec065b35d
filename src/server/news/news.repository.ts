/** SQL of the news feature (the only place that touches its tables). */
import { and, asc, desc, eq, inArray, like, or } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { newsEvent, newsItem, newsPhoto } from '../db/schema.ts';
import type { NewsStatus } from '../../domain/news/news.ts';

export type NewsRow = typeof newsItem.$inferSelect;
export type NewsPhotoRow = typeof newsPhoto.$inferSelect;

export async function listNews(db: Db, status?: NewsStatus): Promise<NewsRow[]> {
  return db
    .select()
    .from(newsItem)
    .where(status === undefined ? undefined : eq(newsItem.status, status))
    .orderBy(desc(newsItem.updatedAt), desc(newsItem.id));
}

/** Published items, newest first (by the day they are about, then by publication). */
export async function listPublished(db: Db, limit: number): Promise<NewsRow[]> {
  return db
    .select()
    .from(newsItem)
    .where(eq(newsItem.status, 'terbit'))
    .orderBy(desc(newsItem.newsDate), desc(newsItem.publishedAt), desc(newsItem.id))
    .limit(limit);
}

export async function findNews(db: Db, id: number): Promise<NewsRow | undefined> {
  return (await db.select().from(newsItem).where(eq(newsItem.id, id)))[0];
}

export async function lockNews(db: Db, id: number): Promise<NewsRow | undefined> {
  return (await db.select().from(newsItem).where(eq(newsItem.id, id)).for('update'))[0];
}

export async function findPublishedBySlug(db: Db, slug: string): Promise<NewsRow | undefined> {
  return (
    await db
      .select()
      .from(newsItem)
      .where(and(eq(newsItem.slug, slug), eq(newsItem.status, 'terbit')))
  )[0];
}

/** Slugs already used that start like `base` (base itself and base-N). */
export async function slugsLike(db: Db, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: newsItem.slug })
    .from(newsItem)
    .where(or(eq(newsItem.slug, base), like(newsItem.slug, `${base}-%`)));
  return new Set(rows.map((r) => r.slug));
}

export async function insertNews(db: Db, row: typeof newsItem.$inferInsert): Promise<NewsRow> {
  const [saved] = await db.insert(newsItem).values(row).returning();
  if (saved === undefined) throw new Error('news insert returned nothing');
  return saved;
}

export async function updateNews(
  db: Db,
  id: number,
  set: Partial<typeof newsItem.$inferInsert>,
): Promise<NewsRow> {
  const [saved] = await db.update(newsItem).set(set).where(eq(newsItem.id, id)).returning();
  if (saved === undefined) throw new Error('news update returned nothing');
  return saved;
}

export async function insertNewsEvent(db: Db, row: typeof newsEvent.$inferInsert): Promise<void> {
  await db.insert(newsEvent).values(row);
}

export async function eventsOfNews(db: Db, id: number) {
  return db
    .select()
    .from(newsEvent)
    .where(eq(newsEvent.newsId, id))
    .orderBy(asc(newsEvent.at), asc(newsEvent.id));
}

export async function photosOfNews(db: Db, id: number): Promise<NewsPhotoRow[]> {
  return db.select().from(newsPhoto).where(eq(newsPhoto.newsId, id)).orderBy(asc(newsPhoto.id));
}

/** The first photo of each item, for lists and previews. */
export async function firstPhotos(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, NewsPhotoRow>> {
  const out = new Map<number, NewsPhotoRow>();
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(newsPhoto)
    .where(inArray(newsPhoto.newsId, [...ids]))
    .orderBy(asc(newsPhoto.id));
  for (const r of rows) if (!out.has(r.newsId)) out.set(r.newsId, r);
  return out;
}

export async function findNewsPhoto(
  db: Db,
  newsId: number,
  sha256: string,
): Promise<NewsPhotoRow | undefined> {
  return (
    await db
      .select()
      .from(newsPhoto)
      .where(and(eq(newsPhoto.newsId, newsId), eq(newsPhoto.sha256, sha256)))
  )[0];
}

/** Adds a photo (a second upload of the same file to the same item keeps the first row). */
export async function insertNewsPhoto(db: Db, row: typeof newsPhoto.$inferInsert): Promise<void> {
  await db.insert(newsPhoto).values(row).onConflictDoNothing();
}

/** Removes a photo from an item (the file stays: it may belong to another item too). */
export async function deleteNewsPhoto(db: Db, newsId: number, sha256: string): Promise<boolean> {
  const rows = await db
    .delete(newsPhoto)
    .where(and(eq(newsPhoto.newsId, newsId), eq(newsPhoto.sha256, sha256)))
    .returning({ id: newsPhoto.id });
  return rows.length > 0;
}
