/** HTTP routes of news and outreach (thin: validate → service → reply), the feeds and the OG page. */
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../domain/common/error.schema.ts';
import { ok } from '../../domain/common/result.ts';
import { isSlug } from '../../domain/news/news.ts';
import {
  NewsBody,
  NewsDetail,
  NewsListItem,
  NewsListQuery,
  NewsTransitionBody,
  PhotoQuery,
  PublicNewsDetail,
  PublicNewsItem,
  PublicNewsQuery,
  SlugParam,
} from '../../domain/news/news.schema.ts';
import { auditWrite } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { inTransaction } from '../http/transaction.ts';
import { getSettings } from '../settings/settings.service.ts';
import { ATOM_PATH, buildFeed, RSS_PATH, withOpenGraph } from './news.feed.ts';
import { findNewsPhoto, insertNewsPhoto } from './news.repository.ts';
import {
  authorizeNewsPhoto,
  createNews,
  deskNewsDetail,
  deskNewsList,
  editNews,
  publicFeedEntries,
  publicNewsDetail,
  publicNewsList,
  removeNewsPhoto,
  transitionNews,
} from './news.service.ts';
import {
  acceptPhotoBodies,
  isRefusal,
  photoOf,
  sendPhotoFile,
  preparePhoto,
  refusePhoto,
  storePhoto,
} from '../http/photos.ts';

const AUTH_ERRORS = { 401: ErrorBody, 403: ErrorBody, ...ERRORS } as const;
/** A news photo may be at most 5 MB. */
export const NEWS_PHOTO_LIMIT = 5 * 1024 * 1024;
const TAGS = ['Berita'];
const FEED_ITEMS = 30;

/** The default public address when none is configured (never the request's Host header). */
export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:3000';

async function siteName(db: Db): Promise<string> {
  const settings = await getSettings(db);
  return settings.regencyName === null ? 'Desk Pilkada' : `Desk Pilkada ${settings.regencyName}`;
}

export function newsRoutes(
  app: ZodApp,
  db: Db,
  dataDir: string,
  /** The built web app's index.html, when the pages are served (for the OG page). */
  indexHtml: string | null,
  /**
   * Where the public reaches this site (`PUBLIC_BASE_URL`): og:url, canonical
   * and feed links are built from it, never from a request's Host header
   * (which anyone can set, poisoning a cached feed or preview).
   */
  publicBaseUrl: string = DEFAULT_PUBLIC_BASE_URL,
): void {
  const origin = publicBaseUrl.replace(/\/+$/, '');
  acceptPhotoBodies(app, 10 * 1024 * 1024);

  // ------------------------------------------------------------ desk
  app.get(
    '/api/news',
    {
      schema: {
        tags: TAGS,
        summary: 'All news items (draf, diajukan, terbit) for writers and reviewers',
        querystring: NewsListQuery,
        response: { 200: z.array(NewsListItem), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await deskNewsList(db, req.actor, req.query.status)),
  );
  app.post(
    '/api/news',
    {
      schema: {
        tags: TAGS,
        summary: 'Write a news item (a draf; the body is sanitised HTML or plain paragraphs)',
        body: NewsBody,
        response: { 201: NewsDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await createNews(db, req.actor, req.body), 201),
  );
  app.get(
    '/api/news/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'A news item with its history, photos and the actions the caller may take',
        params: IdParam,
        response: { 200: NewsDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await deskNewsDetail(db, req.actor, req.params.id)),
  );
  app.put(
    '/api/news/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Edit a draf',
        params: IdParam,
        body: NewsBody,
        response: { 200: NewsDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await editNews(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/news/:id/transition',
    {
      schema: {
        tags: TAGS,
        summary:
          'Move a news item: ajukan (writer), terbitkan or kembalikan with a note (reviewer)',
        params: IdParam,
        body: NewsTransitionBody,
        response: { 200: NewsDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await transitionNews(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/news/:id/photos',
    {
      schema: {
        tags: TAGS,
        summary: 'Attach a photo to a draf (JPEG, PNG or WebP body, at most 5 MB)',
        params: IdParam,
        querystring: PhotoQuery,
        response: {
          201: z.object({ sha256: z.string(), bytes: z.number().int() }),
          ...AUTH_ERRORS,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const photo = photoOf(req, 'news');
      if (isRefusal(photo)) return refusePhoto(reply, photo);
      const access = await authorizeNewsPhoto(db, req.actor, id);
      if (!access.ok) return sendResult(reply, access);
      const clean = await preparePhoto(photo, 'news', NEWS_PHOTO_LIMIT);
      if (isRefusal(clean)) return refusePhoto(reply, clean);
      const { body, mediaType } = clean;
      const sha256 = await storePhoto(dataDir, clean);
      const caption =
        req.query.caption === undefined || req.query.caption === '' ? null : req.query.caption;
      const saved = await inTransaction(db, async (tx) => {
        await insertNewsPhoto(tx, {
          newsId: id,
          sha256,
          mediaType,
          bytes: body.length,
          caption,
          uploadedBy: req.actor.fullName ?? req.actor.username,
        });
        await auditWrite(
          tx,
          access.value,
          { action: 'news.photo', targetType: 'news', targetId: id },
          { after: { sha256, bytes: body.length } },
        );
        return ok({ sha256, bytes: body.length });
      });
      return sendResult(reply, saved, 201);
    },
  );
  app.get(
    '/api/news/:id/photos/:sha256',
    {
      schema: {
        tags: TAGS,
        summary: 'A photo of any news item, for writers and reviewers (the image file)',
        params: IdParam.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        response: { 200: z.unknown().meta({ description: 'The image' }), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const detail = await deskNewsDetail(db, req.actor, req.params.id);
      if (!detail.ok) return sendResult(reply, detail);
      const photo = await findNewsPhoto(db, req.params.id, req.params.sha256);
      return sendPhotoFile(reply, dataDir, photo, 'news', 'private, max-age=3600');
    },
  );

  app.delete(
    '/api/news/:id/photos/:sha256',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a photo from a draf',
        params: IdParam.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        response: { 200: NewsDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await removeNewsPhoto(db, req.actor, req.params.id, req.params.sha256)),
  );

  // ------------------------------------------------------------ public
  app.get(
    '/api/public/news',
    {
      schema: {
        tags: TAGS,
        summary: 'Published news, newest first (no sign-in)',
        querystring: PublicNewsQuery,
        response: { 200: z.array(PublicNewsItem) },
      },
    },
    async (req) => publicNewsList(db, req.query.limit),
  );
  app.get(
    '/api/public/news/:slug',
    {
      schema: {
        tags: TAGS,
        summary: 'A published news item (anything unpublished answers 404)',
        params: SlugParam,
        response: { 200: PublicNewsDetail, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const found = await publicNewsDetail(db, req.params.slug);
      if (!found.ok) return sendResult(reply, found);
      // The response schema has no id: the serializer leaves the internal id out.
      return reply.send(found.value);
    },
  );
  app.get(
    '/api/public/news/:slug/photos/:sha256',
    {
      schema: {
        tags: TAGS,
        summary: 'A photo of a published news item (the image file)',
        params: SlugParam.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        response: { 200: z.unknown().meta({ description: 'The image' }), 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const found = await publicNewsDetail(db, req.params.slug);
      if (!found.ok) return sendResult(reply, found);
      const photo = await findNewsPhoto(db, found.value.id, req.params.sha256);
      return sendPhotoFile(reply, dataDir, photo, 'news', 'public, max-age=3600');
    },
  );

  const feeds = async () => {
    const entries = await publicFeedEntries(db, FEED_ITEMS);
    return buildFeed(origin, await siteName(db), entries);
  };
  app.get(
    RSS_PATH,
    {
      schema: {
        tags: TAGS,
        summary: 'RSS 2.0 feed of published news',
        produces: ['application/rss+xml'],
        response: { 200: z.string().meta({ description: 'RSS 2.0 XML' }) },
      },
    },
    async (req, reply) =>
      reply
        .type('application/rss+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .serializer((s: string) => s)
        .send((await feeds()).rss),
  );
  app.get(
    ATOM_PATH,
    {
      schema: {
        tags: TAGS,
        summary: 'Atom 1.0 feed of published news',
        produces: ['application/atom+xml'],
        response: { 200: z.string().meta({ description: 'Atom XML' }) },
      },
    },
    async (req, reply) =>
      reply
        .type('application/atom+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .serializer((s: string) => s)
        .send((await feeds()).atom),
  );

  // A published item's page carries its Open Graph tags in the HTML the
  // server sends (share previews on WhatsApp, Facebook, X); the web app then
  // renders it as usual. Anything unpublished gets the plain page (404).
  if (indexHtml !== null) {
    app.get(
      '/berita/:slug',
      { schema: { hide: true, params: z.object({ slug: z.string() }) } },
      async (req, reply) => {
        const slug = req.params.slug;
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
        // `/berita/` is the list page (the app routes it); nothing to preview.
        if (slug === '') return reply.send(indexHtml);
        const found = isSlug(slug) ? await publicNewsDetail(db, slug) : undefined;
        if (found === undefined || !found.ok) return reply.status(404).send(indexHtml);
        const item = found.value;
        return reply.send(
          withOpenGraph(indexHtml, {
            title: item.title,
            description: item.excerpt,
            url: `${origin}/berita/${item.slug}`,
            image: item.image === null ? null : `${origin}${item.image}`,
            siteName: await siteName(db),
          }),
        );
      },
    );
  }
}
