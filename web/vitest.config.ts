import { defineConfig, mergeConfig } from 'vitest/config'
import vite from './vite.config.ts'

// Tests assert results, never timings: room to finish on a loaded machine instead of the default 5 s.
export default mergeConfig(
  vite,
  defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 180_000 } }),
)
