// The console is built into apps/console/dist and served by the API from `/` (apps/api/src/console/).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/v1': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
