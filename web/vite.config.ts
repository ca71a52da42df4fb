// Vite builds the dashboard into web/dist, which `gatemap serve --web web/dist` serves. Workers are
// ES modules so the analysis worker can import @gatemap/shared like any other module.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2023', sourcemap: true, chunkSizeWarningLimit: 4096 },
  test: { include: ['test/**/*.test.ts'] },
})
