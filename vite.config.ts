// Builds the web app (src/web) into dist/web, which the server serves at `/`.
// `npx vite` runs a dev server that proxies /api to a running `desk-pilkada serve`
// (set DESK_API_URL when it does not listen on http://127.0.0.1:3000).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Writes `.br` and `.gz` beside every text asset of the build, which the
 * server sends as they are to browsers that accept them (@fastify/static
 * `preCompressed`): a third of the bytes on a slow phone link, no
 * compression work per request.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'desk-precompress',
    apply: 'build',
    async closeBundle() {
      const walk = async (dir: string): Promise<string[]> => {
        const files: string[] = [];
        for (const e of await readdir(dir, { withFileTypes: true })) {
          if (e.isDirectory()) files.push(...(await walk(join(dir, e.name))));
          else files.push(join(dir, e.name));
        }
        return files;
      };
      for (const file of await walk(outDir)) {
        if (!/\.(?:js|css|html|svg|webmanifest)$/.test(file)) continue;
        const bytes = await readFile(file);
        if (bytes.length < 1024) continue;
        await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/**
 * The officer's own data, kept for offline use (network first: fresh when
 * there is signal, the last answer when there is none): the session, the
 * contests and pairs, their TPS and its results, the problem form's places
 * and categories, the coklit voter list of their TPS. Never anyone else's:
 * the server answers only what the session may read, and the app empties
 * this cache on sign-out (src/web/offline/offline-data.ts).
 */
export const OFFLINE_API =
  /\/api\/(?:auth\/me|settings|stages|contests|results\/window|results\/tps\/\d+|tps\/\d+|problems\/config|problems\/places|voters\/tps\/\d+|coklit\/window)(?:\?.*)?$/;

export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
    precompress(new URL('dist/web', import.meta.url).pathname),
    // The installable field app: manifest, and a Workbox service worker that
    // precaches the app shell and every page chunk (all small, hashed names).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Desk Pilkada — Petugas Lapangan',
        short_name: 'Desk Pilkada',
        description:
          'Lapor cepat C.Hasil, laporan masalah, dan coklit; tetap bisa diisi tanpa sinyal.',
        lang: 'id',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#8b1a1a',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        // The server answers a news page with its Open Graph tags (and 404 for an
        // unpublished one): those navigations go to the network, not the cached shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/berita\/./],
        cleanupOutdatedCaches: true,
        // Take over the open page at once: the officer's data is cached right after sign-in.
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            urlPattern: OFFLINE_API,
            method: 'GET',
            handler: 'NetworkFirst',
            options: {
              cacheName: 'desk-api',
              // A phone with one bar: after 10 s show the last answer instead of waiting.
              networkTimeoutSeconds: 10,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 100 },
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': process.env['DESK_API_URL'] ?? 'http://127.0.0.1:3000' },
  },
});
