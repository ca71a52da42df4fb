// A quiet watch stays open: client-node 2.0.0 cut every watch after 30 s; our own watch loop must keep
// one open well past a minute (the server's bookmarks arrive about once a minute) and still deliver.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { KubeHttp } from '../../../server/src/sources/cluster/http.ts'
import { sharedCluster } from '../cluster.ts'
import { FAST, GATEWAY, httpRoute, makeSource, until } from './source-helpers.ts'

const cluster = sharedCluster()
const admin = new KubeHttp(cluster.admin)
// Server-side watch timeout far beyond the test, so any end of a watch would be a restart.
const { store, source } = makeSource(cluster.admin, { ...FAST, watchTimeoutSeconds: () => 1800 })
let ns: string

beforeAll(async () => {
  ns = await cluster.uniqueNamespace('source-long')
  await source.start()
})

afterAll(async () => {
  await source.stop()
})

test('a healthy watch stays open for 70 s without a restart, then still delivers', {
  timeout: 150_000,
}, async () => {
  const opened = Date.now()
  // Waits on the wall clock (the condition is time itself), checking on the way that nothing restarted.
  await until(
    store,
    () => source.metrics.watchRestarts > 0 || Date.now() - opened >= 70_000,
    '70 s to pass',
    120_000,
  )
  expect(source.metrics.watchRestarts).toBe(0)
  expect(source.metrics.relists).toBe(0)
  await admin.request('POST', `/apis/${GATEWAY}/v1/namespaces/${ns}/httproutes`, {
    body: httpRoute(ns, 'late'),
  })
  await until(store, () => store.get('HTTPRoute', ns, 'late'), 'the late route', 10_000)
  expect(source.metrics.watchRestarts).toBe(0)
  expect(Date.now() - opened).toBeGreaterThanOrEqual(70_000)
})
