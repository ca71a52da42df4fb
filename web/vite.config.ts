// Vite builds the dashboard into web/dist, which `gatemap serve --web web/dist` serves. Workers are
// ES modules so the graph worker can import @gatemap/shared like any other module. Test settings
// live in vitest.config.ts, so that building needs only the web package's own dependencies.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2023', sourcemap: true, chunkSizeWarningLimit: 4096 },
})
