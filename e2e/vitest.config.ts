import { defineConfig } from 'vitest/config'

// Two projects. `cluster`: integration tests against a real kube-apiserver (see cluster/README.md);
// its global setup builds the binaries on the first run, starts one cluster for the whole run (or
// reuses the one named by $GATEMAP_CLUSTER_STATE) and stops it afterwards. `browser`: Debian's
// Chromium against `gatemap serve` in folder mode, which needs no cluster, so
// `vitest run test/browser` does not wait for one (Vitest runs a project's global setup only when
// that project has files to run).
const BROWSER = 'test/browser/**/*.test.ts'

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'cluster',
          include: ['test/**/*.test.ts'],
          exclude: [BROWSER],
          globalSetup: ['./test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: [BROWSER] },
      },
    ],
  },
})
