// /metrics read by a strict parser of the text format: every family well formed, monotonic counts
// typed as counters, the watch counters the architecture lists exported, per kind where they are
// counted per kind. The source is the faked boundary (its counters are set by the test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SourceStats } from '../../src/sources/source.ts'
import { startTestServer, type TestServer } from './helpers.ts'
import { ExpositionError, type Family, parseExposition } from './prometheus-text.ts'

let server: TestServer
const stats: SourceStats & { watchEvents: Map<string, number>; watchBookmarks: Map<string, number> } = {
  watchRestarts: 2,
  relists: 1,
  watchEvents: new Map([
    ['gateway.networking.k8s.io/HTTPRoute', 5],
    ['/Service', 3],
  ]),
  watchBookmarks: new Map([['gateway.networking.k8s.io/HTTPRoute', 4]]),
}

beforeAll(async () => {
  server = await startTestServer()
  Object.assign(server.source, { stats: () => stats })
})
afterAll(() => server.close())

async function scrape(): Promise<Map<string, Family>> {
  const response = await fetch(`${server.url}/metrics`, {
    headers: { authorization: `Bearer ${server.token}` },
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return parseExposition(await response.text())
}

const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
  families.get(name)?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value

describe('/metrics', () => {
  it("is valid exposition text in which every family has help and each of Gatemap's *_total is a counter", async () => {
    const families = await scrape()
    expect(families.size).toBeGreaterThan(20)
    const ours = [...families.values()].filter((f) => f.name.startsWith('gatemap_'))
    expect(ours.map((f) => f.name).sort()).toEqual([
      'gatemap_analysis_runs_total',
      'gatemap_analysis_seconds_total',
      'gatemap_apply_results_total',
      'gatemap_stream_clients',
      'gatemap_stream_deltas_sent_total',
      'gatemap_stream_first_frames_sent_total',
      'gatemap_stream_overflows_total',
      'gatemap_stream_snapshots_sent_total',
      'gatemap_watch_bookmarks_total',
      'gatemap_watch_events_total',
      'gatemap_watch_relists_total',
      'gatemap_watch_restarts_total',
    ])
    for (const family of families.values()) expect(family.help, family.name).toBeTruthy()
    // (prom-client's own nodejs_active_*_total are current counts, gauges despite the name.)
    for (const family of ours) {
      if (family.name.endsWith('_total')) expect(family.type, family.name).toBe('counter')
    }
    expect(families.get('gatemap_stream_clients')?.type).toBe('gauge')
  })

  it('exports the watch restarts, relists and per-kind watch events and bookmarks, and they only grow', async () => {
    const first = await scrape()
    expect(value(first, 'gatemap_watch_restarts_total')).toBe(2)
    expect(value(first, 'gatemap_watch_relists_total')).toBe(1)
    const httpRoute = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }
    expect(value(first, 'gatemap_watch_events_total', httpRoute)).toBe(5)
    expect(value(first, 'gatemap_watch_events_total', { group: '', kind: 'Service' })).toBe(3)
    expect(value(first, 'gatemap_watch_bookmarks_total', httpRoute)).toBe(4)

    stats.watchRestarts = 3
    stats.watchEvents.set('/Service', 10)
    stats.watchEvents.set('/Namespace', 1)
    const second = await scrape()
    expect(value(second, 'gatemap_watch_restarts_total')).toBe(3)
    expect(value(second, 'gatemap_watch_events_total', { group: '', kind: 'Service' })).toBe(10)
    expect(value(second, 'gatemap_watch_events_total', { group: '', kind: 'Namespace' })).toBe(1)
    expect(value(second, 'gatemap_watch_events_total', httpRoute)).toBe(5)
  })

  it('counts writes by operation and result', async () => {
    await fetch(`${server.url}/api/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({
        object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'm', namespace: 'default' } },
        dryRun: true,
      }),
    })
    const families = await scrape()
    expect(value(families, 'gatemap_apply_results_total', { operation: 'apply-dry-run', result: 'ok' })).toBe(
      1,
    )
  })
})

describe('the strict parser', () => {
  it.each([
    ['a missing final newline', '# TYPE a counter\na 1'],
    ['a bad metric name', '# TYPE 1a counter\n'],
    ['a reserved label name', 'a{__x="1"} 1\n'],
    ['TYPE after samples', 'a 1\n# TYPE a gauge\n'],
    ['two TYPE lines', '# TYPE a gauge\n# TYPE a gauge\na 1\n'],
    ['a negative counter', '# TYPE a_total counter\na_total -1\n'],
    ['a family split in two', '# TYPE a gauge\na{x="1"} 1\nb 2\na{x="2"} 3\n'],
    ['a duplicate series', 'a{x="1"} 1\na{x="1"} 2\n'],
    ['a bad escape', 'a{x="\\t"} 1\n'],
    ['an unquoted label value', 'a{x=1} 1\n'],
    ['a bad value', 'a one\n'],
    ['two spaces', 'a  1\n'],
    ['a bucket without le', '# TYPE h histogram\nh_bucket 1\n'],
  ])('refuses %s', (_, text) => {
    expect(() => parseExposition(text)).toThrow(ExpositionError)
  })

  it('reads what the format allows', () => {
    const families = parseExposition(
      [
        '# HELP h A histogram with a \\\\ and a\\nline.',
        '# TYPE h histogram',
        'h_bucket{le="0.5"} 1',
        'h_bucket{le="+Inf"} 2',
        'h_sum 1.5e0',
        'h_count 2',
        '# a comment',
        'u{path="/a\\"b",} NaN 1700000000000',
        '',
      ].join('\n'),
    )
    expect(families.get('h')).toMatchObject({ type: 'histogram', help: 'A histogram with a \\ and a\nline.' })
    expect(families.get('h')?.samples).toHaveLength(4)
    expect(families.get('u')?.samples[0]?.labels).toEqual({ path: '/a"b' })
  })
})
