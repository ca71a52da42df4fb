import { defineConfig } from 'vitest/config'

// Integration tests against a real kube-apiserver (see cluster/README.md). The global setup builds
// the binaries on the first run, starts one cluster for the whole run (or reuses the one named by
// $GATEMAP_CLUSTER_STATE) and stops it afterwards.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
})
