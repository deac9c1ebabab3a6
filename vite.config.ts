import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web UI lives in web/ and is built into web/dist, which the server serves.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
