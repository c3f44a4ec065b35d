/** Payloads of the news feature (desk and public), shared by server, web client and OpenAPI. */
import { z } from 'zod';
import { IsoDate } from '../common/error.schema.ts';
import { NEWS_ACTIONS, NEWS_STATUSES, SLUG_MAX } from './news.ts';

export const NewsStatus = z.enum(NEWS_STATUSES);

export const QuotedPerson = z
  .object({
    name: z.string().trim().min(2, { message: 'Nama narasumber minimal 2 huruf' }).max(120),
    jabatan: z.string().trim().max(200).default(''),
    quote: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'QuotedPerson' });

export const NewsBody = z
  .object({
    title: z.string().trim().min(5, { message: 'Judul minimal 5 huruf' }).max(200),
    place: z.string().trim().min(2, { message: 'Tempat wajib diisi' }).max(200),
    date: IsoDate,
    body: z
      .string()
      .trim()
      .min(20, { message: 'Isi berita minimal 20 huruf' })
      .max(50_000, { message: 'Isi berita terlalu panjang (paling banyak 50.000 huruf)' }),
    people: z.array(QuotedPerson).max(20).default([]),
  })
  .meta({ id: 'NewsBody' });
export type NewsBody = z.infer<typeof NewsBody>;

export const NewsTransitionBody = z
  .object({
    action: z.enum(NEWS_ACTIONS),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'NewsTransitionBody' });
export type NewsTransitionBody = z.infer<typeof NewsTransitionBody>;

export const NewsPhoto = z
  .object({
    sha256: z.string(),
    mediaType: z.string(),
    bytes: z.number().int(),
    caption: z.string().nullable(),
  })
  .meta({ id: 'NewsPhoto' });

export const NewsEvent = z
  .object({
    action: z.string(),
    fromStatus: NewsStatus.nullable(),
    toStatus: NewsStatus,
    note: z.string().nullable(),
    actorName: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'NewsEvent' });

export const NewsListItem = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    place: z.string(),
    date: IsoDate,
    status: NewsStatus,
    excerpt: z.string(),
    authorName: z.string().nullable(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'NewsListItem' });

export const NewsDetail = NewsListItem.extend({
  bodyHtml: z.string().meta({ description: 'Sanitised HTML (cleaned again on every read)' }),
  people: z.array(QuotedPerson),
  photos: z.array(NewsPhoto),
  reviewNote: z.string().nullable(),
  history: z.array(NewsEvent),
  actions: z.array(z.enum(NEWS_ACTIONS)).meta({ description: 'What the caller may do now' }),
  editable: z.boolean(),
}).meta({ id: 'NewsDetail' });
export type NewsDetail = z.infer<typeof NewsDetail>;

export const PublicNewsItem = z
  .object({
    slug: z.string(),
    title: z.string(),
    place: z.string(),
    date: IsoDate,
    excerpt: z.string(),
    publishedAt: z.string(),
    image: z.string().nullable().meta({ description: 'Address of the first photo, if any' }),
  })
  .meta({ id: 'PublicNewsItem' });

export const PublicNewsDetail = PublicNewsItem.extend({
  bodyHtml: z.string(),
  people: z.array(QuotedPerson),
  photos: z.array(
    z.object({ url: z.string(), caption: z.string().nullable(), mediaType: z.string() }),
  ),
}).meta({ id: 'PublicNewsDetail' });
export type PublicNewsDetail = z.infer<typeof PublicNewsDetail>;

export const NewsListQuery = z.object({ status: NewsStatus.optional() });
export const PublicNewsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const SlugParam = z.object({
  slug: z
    .string()
    .max(SLUG_MAX + 6)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
});
export const PhotoQuery = z.object({ caption: z.string().trim().max(300).optional() });
