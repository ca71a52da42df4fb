import { defineConfig } from 'vitest/config'

// Tests assert results, never timings; the default 5 s per test only measures how busy the machine
// is (CI's 2 cores also run builds), so each test gets room to finish on a loaded machine.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
})
