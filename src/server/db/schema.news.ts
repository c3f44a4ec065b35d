/**
 * News and outreach (issue 8): items with their workflow status, the history
 * of each move, and photos (files under the data directory by sha-256).
 */
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { appUser } from './schema.ts';

export const newsItem = pgTable(
  'news_item',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    place: text('place').notNull(),
    /** The day the news is about (as written in the item), YYYY-MM-DD. */
    newsDate: date('news_date', { mode: 'string' }).notNull(),
    /** Sanitised on write; sanitised again on every read. */
    bodyHtml: text('body_html').notNull(),
    excerpt: text('excerpt').notNull(),
    /** People quoted: [{ name, jabatan, quote }]. */
    people: jsonb('people').$type<{ name: string; jabatan: string; quote: string }[]>().notNull(),
    status: text('status', { enum: ['draf', 'diajukan', 'terbit'] })
      .notNull()
      .default('draf'),
    authorUserId: integer('author_user_id').references(() => appUser.id),
    authorName: text('author_name'),
    reviewNote: text('review_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('news_item_slug_uq').on(t.slug),
    index('news_item_status_idx').on(t.status, t.publishedAt),
  ],
);

export const newsEvent = pgTable(
  'news_event',
  {
    id: serial('id').primaryKey(),
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItem.id),
    action: text('action').notNull(),
    fromStatus: text('from_status', { enum: ['draf', 'diajukan', 'terbit'] }),
    toStatus: text('to_status', { enum: ['draf', 'diajukan', 'terbit'] }).notNull(),
    note: text('note'),
    actorUserId: integer('actor_user_id').references(() => appUser.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('news_event_news_idx').on(t.newsId)],
);

export const newsPhoto = pgTable(
  'news_photo',
  {
    id: serial('id').primaryKey(),
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItem.id),
    sha256: text('sha256').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    caption: text('caption'),
    uploadedBy: text('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('news_photo_uq').on(t.newsId, t.sha256)],
);
