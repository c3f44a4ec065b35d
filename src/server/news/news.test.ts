import { TEST_PNG } from '../testing/images.ts';
/**
 * News on both engines: who may write, review and publish; an unpublished
 * item is never public (list, detail, photos, feed, OG page); bodies are
 * sanitised on write and on read; each move is audited with its history.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { auditLog, newsItem } from '../db/schema.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import type { NewsDetail, PublicNewsDetail } from '../../domain/news/news.schema.ts';
import { DEMO_NEWS } from './demo-news.ts';

const PNG = TEST_PNG;
const INDEX = `<!doctype html><html lang="id"><head><meta charset="utf-8" /><title>Desk Pilkada</title></head><body><div id="root"></div></body></html>`;

const draft = (title: string, body: string) => ({
  title,
  place: 'Kraksaan',
  date: '2024-11-20',
  body,
  people: [{ name: 'Aliwafa', jabatan: 'Ketua KPU Kabupaten Probolinggo', quote: 'Ayo ke TPS' }],
});

describe.each(testEngines())('news on %s', (engine) => {
  let t: TestApp;
  let webDir: string;
  let anon: Inject;
  let operator: Inject;
  let korwil: Inject;
  let sekretaris: Inject;
  let ppk: Inject;
  let bupati: Inject;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'dp-web-'));
    await writeFile(join(webDir, 'index.html'), INDEX);
    t = await createTestApp(engine, { demo: true, webDir });
    anon = injectAs(t.app, null);
    operator = injectAs(t.app, await signIn(t.app, 'operator.kpu'));
    korwil = injectAs(t.app, await signIn(t.app, 'korwil1'));
    sekretaris = injectAs(t.app, await signIn(t.app, 'sekretaris.desk'));
    ppk = injectAs(t.app, await signIn(t.app, 'ppk.sukapura'));
    bupati = injectAs(t.app, await signIn(t.app, 'bupati'));
  });
  afterAll(async () => {
    await t.close();
    await rm(webDir, { recursive: true, force: true });
  });

  const audits = async (action: string, outcome: 'ok' | 'denied') =>
    (
      await t.database.db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.outcome, outcome)))
    )[0]?.n ?? 0;

  it('shows the seeds’ news as published, and the demo’s submitted item only to the desk', async () => {
    const list = (await anon('/api/public/news?limit=50')).json<
      { slug: string; title: string }[]
    >();
    const published = DEMO_NEWS.filter((n) => n.status === 'terbit');
    expect(list.map((n) => n.title).sort()).toEqual(published.map((n) => n.title).sort());
    const one = (
      await anon('/api/public/news/asn-pemkab-probolinggo-harus-sukseskan-pilkada-serentak')
    ).json<PublicNewsDetail>();
    expect(one.place).toBe('Kab. Probolinggo');
    expect(one.date).toBe('2018-02-20');
    expect(one.bodyHtml).toContain('857.511 jiwa');
    expect(one.people.map((p) => p.name)).toContain('Soeparwiyono');
    const desk = (await sekretaris('/api/news?status=diajukan')).json<{ title: string }[]>();
    expect(desk.map((n) => n.title)).toEqual([
      'Pemungutan Suara Pilkada Serentak 27 November 2024',
    ]);
  });

  it('lets writers draft and submit, reviewers publish or return with a note; others are refused and audited', async () => {
    // Neither PPK nor the Bupati writes news; the public is asked to sign in.
    expect(
      (
        await ppk({
          method: 'POST',
          url: '/api/news',
          payload: draft('Judul PPK', 'Isi berita yang cukup panjang.'),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await anon({
          method: 'POST',
          url: '/api/news',
          payload: draft('Judul publik', 'Isi berita yang cukup panjang.'),
        })
      ).statusCode,
    ).toBe(401);
    expect((await bupati('/api/news')).statusCode).toBe(403);
    expect(await audits('news.create', 'denied')).toBe(2); // the PPK's and the public's

    const created = await korwil({
      method: 'POST',
      url: '/api/news',
      payload: draft(
        'Simulasi Pemungutan Suara di Kraksaan',
        'Simulasi berjalan lancar dan tertib.\n\nWarga antusias.',
      ),
    });
    expect(created.statusCode).toBe(201);
    const item = created.json<NewsDetail>();
    expect(item).toMatchObject({
      slug: 'simulasi-pemungutan-suara-di-kraksaan',
      status: 'draf',
      bodyHtml: '<p>Simulasi berjalan lancar dan tertib.</p>\n<p>Warga antusias.</p>',
      excerpt: 'Simulasi berjalan lancar dan tertib. Warga antusias.',
      actions: ['ajukan'],
      editable: true,
    });
    // A writer may not publish, not even a submitted item.
    const submit = await korwil({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'ajukan' },
    });
    expect(submit.json<NewsDetail>()).toMatchObject({
      status: 'diajukan',
      editable: false,
      actions: [],
    });
    const selfPublish = await korwil({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'terbitkan' },
    });
    expect(selfPublish.statusCode).toBe(403);
    expect(await audits('news.terbitkan', 'denied')).toBe(1);
    // Submitted: not editable, not public.
    expect(
      (
        await korwil({
          method: 'PUT',
          url: `/api/news/${String(item.id)}`,
          payload: draft('Ubah judul berita', 'Isi berita yang cukup panjang.'),
        })
      ).json(),
    ).toMatchObject({ error: { code: 'news.not_draft' } });
    expect((await anon(`/api/public/news/${item.slug}`)).statusCode).toBe(404);

    // Returned without a note: refused; with a note: back to draf, the note shown.
    const noNote = await sekretaris({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'kembalikan' },
    });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json()).toMatchObject({ error: { code: 'news.note_required', field: 'note' } });
    const back = await sekretaris({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'kembalikan', note: 'Tambahkan jumlah peserta.' },
    });
    expect(back.json<NewsDetail>()).toMatchObject({
      status: 'draf',
      reviewNote: 'Tambahkan jumlah peserta.',
    });

    // Edited: the title moves the address (never published yet).
    const edited = await korwil({
      method: 'PUT',
      url: `/api/news/${String(item.id)}`,
      payload: draft(
        'Simulasi Pemungutan Suara Kraksaan Diikuti 300 Warga',
        'Simulasi diikuti 300 warga.',
      ),
    });
    expect(edited.json<NewsDetail>().slug).toBe(
      'simulasi-pemungutan-suara-kraksaan-diikuti-300-warga',
    );
    await korwil({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'ajukan' },
    });
    const published = await sekretaris({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'terbitkan' },
    });
    const done = published.json<NewsDetail>();
    expect(done).toMatchObject({ status: 'terbit', reviewNote: null, actions: ['kembalikan'] });
    expect(done.history.map((h) => h.action)).toEqual([
      'tulis',
      'ajukan',
      'kembalikan',
      'ajukan',
      'terbitkan',
    ]);
    expect(done.history[2]?.note).toBe('Tambahkan jumlah peserta.');
    expect(await audits('news.terbitkan', 'ok')).toBe(1);
    // Publishing twice is a conflict, not a second publication.
    expect(
      (
        await sekretaris({
          method: 'POST',
          url: `/api/news/${String(item.id)}/transition`,
          payload: { action: 'terbitkan' },
        })
      ).statusCode,
    ).toBe(409);
    const pub = (await anon(`/api/public/news/${done.slug}`)).json<PublicNewsDetail>();
    expect(pub.title).toBe('Simulasi Pemungutan Suara Kraksaan Diikuti 300 Warga');
    expect(pub.people).toEqual([
      { name: 'Aliwafa', jabatan: 'Ketua KPU Kabupaten Probolinggo', quote: 'Ayo ke TPS' },
    ]);

    // Withdrawn: gone from the public at once.
    await sekretaris({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'kembalikan', note: 'Ditarik sementara.' },
    });
    expect((await anon(`/api/public/news/${done.slug}`)).statusCode).toBe(404);
    const titles = (await anon('/api/public/news?limit=50'))
      .json<{ title: string }[]>()
      .map((n) => n.title);
    expect(titles).not.toContain(pub.title);
  });

  it('sanitises the body on write and again on read', async () => {
    const evil =
      '<p onclick="alert(1)">Halo <strong>warga</strong></p><script>alert("x")</script>' +
      '<a href="javascript:alert(2)">klik</a> <a href="https://kpu.go.id" onmouseover="x()">KPU</a>' +
      '<img src=x onerror="alert(3)"><iframe src="https://evil.example"></iframe><h2 style="color:red">Sub</h2>';
    const res = await operator({
      method: 'POST',
      url: '/api/news',
      payload: draft('Uji Pembersihan Isi Berita', evil),
    });
    expect(res.statusCode).toBe(201);
    const item = res.json<NewsDetail>();
    expect(item.bodyHtml).toBe(
      '<p>Halo <strong>warga</strong></p><a rel="noopener noreferrer nofollow" target="_blank">klik</a> ' +
        '<a href="https://kpu.go.id" rel="noopener noreferrer nofollow" target="_blank">KPU</a><h2>Sub</h2>',
    );
    // Something unsafe slipped into the table (an old version, a hand edit): still cleaned on read.
    await t.database.db
      .update(newsItem)
      .set({
        bodyHtml: '<p>Lama</p><script>alert(1)</script><img src=x onerror=alert(1)>',
        status: 'terbit',
        publishedAt: new Date(),
      })
      .where(eq(newsItem.id, item.id));
    const pub = (await anon(`/api/public/news/${item.slug}`)).json<PublicNewsDetail>();
    expect(pub.bodyHtml).toBe('<p>Lama</p>');
    expect((await operator(`/api/news/${String(item.id)}`)).json<NewsDetail>().bodyHtml).toBe(
      '<p>Lama</p>',
    );
    // A body of nothing but code is refused.
    const empty = await operator({
      method: 'POST',
      url: '/api/news',
      payload: draft('Hanya Skrip Saja', '<script>alert(1)</script><script>x()</script>'),
    });
    expect(empty.json()).toMatchObject({ error: { code: 'news.body_empty', field: 'body' } });
  });

  it('serves photos to the public only while the item is published; type and size are checked', async () => {
    const item = (
      await operator({
        method: 'POST',
        url: '/api/news',
        payload: draft('Foto Distribusi Logistik Pilkada', 'Logistik tiba di gudang KPU.'),
      })
    ).json<NewsDetail>();
    const upload = (payload: Buffer, type: string) =>
      operator({
        method: 'POST',
        url: `/api/news/${String(item.id)}/photos?caption=Gudang%20KPU`,
        headers: { 'content-type': type },
        payload,
      });
    expect((await upload(Buffer.from('GIF89a'), 'image/gif')).statusCode).toBe(415);
    expect((await upload(Buffer.alloc(0), 'image/png')).statusCode).toBe(422);
    expect((await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'image/png')).statusCode).toBe(413);
    const ok = await upload(PNG, 'image/png');
    expect(ok.statusCode).toBe(201);
    const sha = ok.json<{ sha256: string }>().sha256;
    expect(
      (
        await ppk({
          method: 'POST',
          url: `/api/news/${String(item.id)}/photos`,
          headers: { 'content-type': 'image/png' },
          payload: PNG,
        })
      ).statusCode,
    ).toBe(403);

    const publicPhoto = `/api/public/news/${item.slug}/photos/${sha}`;
    expect((await anon(publicPhoto)).statusCode).toBe(404);
    expect((await anon(`/api/news/${String(item.id)}/photos/${sha}`)).statusCode).toBe(401);
    const deskPhoto = await operator(`/api/news/${String(item.id)}/photos/${sha}`);
    expect(deskPhoto.statusCode).toBe(200);
    expect(deskPhoto.rawPayload.subarray(1, 4).toString()).toBe('PNG');

    await operator({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'ajukan' },
    });
    expect((await anon(publicPhoto)).statusCode).toBe(404);
    await sekretaris({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'terbitkan' },
    });
    const served = await anon(publicPhoto);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    const detail = (await anon(`/api/public/news/${item.slug}`)).json<PublicNewsDetail>();
    expect(detail.photos).toEqual([
      { url: publicPhoto, caption: 'Gudang KPU', mediaType: 'image/png' },
    ]);
    expect(detail.image).toBe(publicPhoto);
    // No more photos once published, and none removed.
    expect((await upload(PNG, 'image/png')).json()).toMatchObject({
      error: { code: 'news.not_draft' },
    });
    const remove = (who: Inject) =>
      who({ method: 'DELETE', url: `/api/news/${String(item.id)}/photos/${sha}` });
    expect((await remove(operator)).statusCode).toBe(409);
    // Withdrawn to draf: the photo goes private at once, and a writer may remove it.
    await sekretaris({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'kembalikan', note: 'Ganti foto.' },
    });
    expect((await anon(publicPhoto)).statusCode).toBe(404);
    expect((await remove(ppk)).statusCode).toBe(403);
    const removed = await remove(operator);
    expect(removed.json<NewsDetail>().photos).toEqual([]);
    expect((await remove(operator)).statusCode).toBe(404);
    expect(await audits('news.photo_remove', 'ok')).toBe(1);
  });

  it('builds RSS and Atom feeds that parse as XML and hold published items only', async () => {
    await operator({
      method: 'POST',
      url: '/api/news',
      payload: draft('Draf Rahasia Tidak Untuk Umum', 'Isi draf yang belum terbit.'),
    });
    const rss = await anon('/berita/rss.xml');
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(SyntaxValidator.validate(rss.body)).toBe(true); // throws when not well-formed
    const parsed = new XMLParser().parse(rss.body) as {
      rss: { channel: { item: { title: string; link: string }[] } };
    };
    const titles = parsed.rss.channel.item.map((i) => i.title);
    expect(titles).toContain('Kode Etik Penyelenggara.');
    expect(titles).not.toContain('Draf Rahasia Tidak Untuk Umum');
    expect(titles).not.toContain('Pemungutan Suara Pilkada Serentak 27 November 2024');
    expect(parsed.rss.channel.item[0]?.link).toMatch(
      /^http:\/\/localhost(:\d+)?\/berita\/[a-z0-9-]+$/,
    );
    const atom = await anon('/berita/atom.xml');
    expect(SyntaxValidator.validate(atom.body)).toBe(true); // throws when not well-formed
    expect(atom.body).not.toContain('Draf Rahasia');
  });

  it('puts Open Graph tags, escaped, in the page of a published item only', async () => {
    const item = (
      await operator({
        method: 'POST',
        url: '/api/news',
        payload: draft('Debat "Paslon" <Bupati> & Wakil', 'Debat publik kedua digelar di pendopo.'),
      })
    ).json<NewsDetail>();
    const page = () => anon(`/berita/${item.slug}`);
    const before = await page();
    expect(before.statusCode).toBe(404);
    expect(before.body).not.toContain('og:title');
    expect(before.body).not.toContain('Debat');
    await operator({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'ajukan' },
    });
    await sekretaris({
      method: 'POST',
      url: `/api/news/${String(item.id)}/transition`,
      payload: { action: 'terbitkan' },
    });
    const after = await page();
    expect(after.statusCode).toBe(200);
    expect(after.headers['content-type']).toContain('text/html');
    expect(after.body).toContain(
      '<meta property="og:title" content="Debat &quot;Paslon&quot; &lt;Bupati&gt; &amp; Wakil" />',
    );
    expect(after.body).toContain(
      '<meta property="og:description" content="Debat publik kedua digelar di pendopo." />',
    );
    expect(after.body).toMatch(
      /<meta property="og:url" content="http:\/\/localhost(:\d+)?\/berita\/debat-paslon-bupati-wakil" \/>/,
    );
    expect(after.body).toContain('<div id="root">');
    // The list page and unknown slugs get the plain app.
    expect((await anon('/berita/tidak-ada')).body).not.toContain('og:title');
    expect((await anon('/berita/%3Cscript%3E')).statusCode).toBe(404);
    expect((await anon(`/berita/${'a'.repeat(95)}`)).statusCode).toBe(404);
    const list = await anon('/berita/');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('og:title');
  });
});
