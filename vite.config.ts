// Builds the web app (src/web) into dist/web, which the server serves at `/`.
// `npx vite` runs a dev server that proxies /api to a running `desk-pilkada serve`
// (set DESK_API_URL when it does not listen on http://127.0.0.1:3000).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': process.env['DESK_API_URL'] ?? 'http://127.0.0.1:3000' },
  },
});
