// The watcher's recovery rules, one by one, against a scripted API server over real HTTP
// (fake-api.ts): what it asks for after a 410 (as an HTTP status and as an ERROR event), a 429, a
// 500, a dropped or refused connection, bookmarks, and the WatchList stream. Delays are recorded,
// not waited for.
import type { WireObject } from '@gatemap/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ResourceInfo } from '../../src/sources/cluster/discovery.ts'
import { KubeHttp } from '../../src/sources/cluster/http.ts'
import { WatchMetrics } from '../../src/sources/cluster/metrics.ts'
import { KindWatcher, type WatcherState } from '../../src/sources/cluster/watcher.ts'
import { VERSION } from '../../src/version.ts'
import {
  bookmark,
  errorEvent,
  event,
  FakeApiServer,
  type FakeRequest,
  FakeWatch,
  list,
  service,
  status,
} from './fake-api.ts'

const SERVICES: ResourceInfo = {
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  namespaced: true,
}

class Harness {
  readonly objects = new Map<string, WireObject>()
  readonly replaces: string[][] = []
  readonly states: WatcherState[] = []
  readonly delays: number[] = []
  readonly metrics = new WatchMetrics()
  /** While set, retry delays wait for release() instead of returning at once. */
  private held: (() => void)[] | undefined
  readonly watcher: KindWatcher
  readonly fake: FakeApiServer

  constructor(fake: FakeApiServer, options: { watchList?: boolean } = {}) {
    this.fake = fake
    this.watcher = new KindWatcher({
      http: new KubeHttp(fake.kubeConfig()),
      resource: SERVICES,
      metrics: this.metrics,
      backoff: { initialMs: 100, maxMs: 1600, jitter: 0 },
      forbiddenRetryMs: 60_000,
      watchTimeoutSeconds: () => 300,
      pageSize: 2,
      watchList: options.watchList ?? true,
      sleep: (ms) => {
        this.delays.push(ms)
        if (!this.held) return Promise.resolve()
        const held = this.held
        return new Promise((resolve) => held.push(resolve))
      },
      sink: {
        replace: (objects) => {
          this.objects.clear()
          for (const o of objects) this.objects.set(o.metadata.name, o)
          this.replaces.push(objects.map((o) => o.metadata.name))
        },
        upsert: (o) => this.objects.set(o.metadata.name, o),
        remove: (o) => this.objects.delete(o.metadata.name),
      },
      onState: (state) => this.states.push(state),
    })
  }

  get state(): string | undefined {
    return this.states.at(-1)?.state
  }

  hold(): void {
    this.held = []
  }

  release(): void {
    const held = this.held ?? []
    this.held = undefined
    for (const resolve of held) resolve()
  }

  /** Ends the oldest pending delay, keeping later ones held. */
  releaseOne(): void {
    this.held?.shift()?.()
  }

  /** Resolves once the server saw `count` requests; returns the last of them. */
  request(count: number): Promise<FakeRequest> {
    return this.fake.requested(count)
  }
}

/** Polls until `condition` holds (the watcher's effects arrive over real sockets). */
async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const names = (h: Harness) => [...h.objects.keys()].sort()
const query = (r: FakeRequest) => Object.fromEntries(r.query)

let fake: FakeApiServer
let h: Harness
beforeEach(async () => {
  fake = await FakeApiServer.start()
})
afterEach(async () => {
  await h?.watcher.stop()
  await fake.close()
})

/** Starts with a list (WatchList off) of a and b at resourceVersion 10, and an open watch. */
async function listedAndWatching(): Promise<FakeWatch> {
  h = new Harness(fake, { watchList: false })
  const watch = new FakeWatch()
  fake.answer(list([service('a', '5'), service('b', '6')], '10'), watch.responder)
  h.watcher.start()
  await watch.opened()
  expect(h.state).toBe('ok')
  return watch
}

describe('WatchList (sendInitialEvents)', () => {
  it('takes the state from the stream up to the initial-events-end bookmark, then follows changes on it', async () => {
    h = new Harness(fake)
    const watch = new FakeWatch()
    fake.answer(watch.responder)
    h.watcher.start()
    const first = await h.request(1)
    expect(first.kind).toBe('watch-list')
    expect(query(first)).toMatchObject({
      watch: '1',
      sendInitialEvents: 'true',
      resourceVersionMatch: 'NotOlderThan',
      allowWatchBookmarks: 'true',
    })
    // The first state is a consistent read: no resourceVersion.
    expect(first.query.has('resourceVersion')).toBe(false)
    await watch.opened()
    watch.send(event('ADDED', service('b', '7')), event('ADDED', service('a', '5')), bookmark('8'))
    watch.send(bookmark('12', true))
    await until('the initial state', () => h.replaces.length === 1)
    expect(h.replaces).toEqual([['b', 'a']])
    expect(h.state).toBe('ok')
    watch.send(event('MODIFIED', { ...service('a', '13'), spec: { ports: [{ port: 81 }] } }))
    watch.send(event('DELETED', service('b', '14')))
    await until('the changes', () => names(h).join() === 'a' && h.metrics.eventsOf('/Service') === 2)
    expect(h.objects.get('a')?.spec).toEqual({ ports: [{ port: 81 }] })
    // No list was ever made, and the initial events are not counted as changes.
    expect(fake.requests.map((r) => r.kind)).toEqual(['watch-list'])
    expect(h.metrics.relists).toBe(0)
  })

  it('a server that refuses it (422, WatchList off) gets a paged consistent list, and is not asked again', async () => {
    h = new Harness(fake)
    const watch = new FakeWatch()
    fake.answer(
      status(422, 'Invalid'),
      list([service('a', '5'), service('b', '6')], '10', 'page-2'),
      list([service('c', '9')], '10'),
      watch.responder,
    )
    h.watcher.start()
    await watch.opened()
    const [, page1, page2, watching] = fake.requests
    expect(page1!.kind).toBe('list')
    expect(query(page1!)).toEqual({ limit: '2' })
    expect(query(page2!)).toEqual({ limit: '2', continue: 'page-2' })
    expect(watching!.kind).toBe('watch')
    expect(query(watching!)).toMatchObject({ resourceVersion: '10', allowWatchBookmarks: 'true' })
    expect(names(h)).toEqual(['a', 'b', 'c'])
    expect(h.watcher.usesWatchList).toBe(false)
    // After a 410 the state is listed again, not streamed.
    const relist = new FakeWatch()
    fake.answer(list([service('a', '5')], '20'), relist.responder)
    watch.send(errorEvent(410, 'Expired'))
    await relist.opened()
    expect(fake.requests.slice(4).map((r) => r.kind)).toEqual(['list', 'watch'])
  })

  it('after a 410 the state is streamed again from the last resourceVersion seen', async () => {
    h = new Harness(fake)
    const watch = new FakeWatch()
    const again = new FakeWatch()
    fake.answer(watch.responder, again.responder)
    h.watcher.start()
    await watch.opened()
    watch.send(event('ADDED', service('a', '5')), bookmark('12', true), bookmark('30'))
    await until('the bookmark', () => h.metrics.bookmarks.get('/Service') === 1)
    watch.send(errorEvent(410, 'Expired'))
    const second = await h.request(2)
    expect(second.kind).toBe('watch-list')
    expect(query(second)).toMatchObject({ resourceVersion: '30', resourceVersionMatch: 'NotOlderThan' })
    await again.opened()
    again.send(event('ADDED', service('z', '31')), bookmark('31', true))
    await until('the second state', () => h.replaces.length === 2)
    expect(names(h)).toEqual(['z'])
    expect(h.metrics.relists).toBe(1)
    expect(h.metrics.watchRestarts).toBe(1)
  })
})

describe('410 Gone', () => {
  it('as an ERROR event: lists again from the last resourceVersion (watch cache, no pages), then watches from the list', async () => {
    const watch = await listedAndWatching()
    watch.send(event('ADDED', service('c', '11')), bookmark('15'))
    await until('the bookmark', () => h.metrics.bookmarks.get('/Service') === 1)
    const next = new FakeWatch()
    fake.answer(list([service('a', '5'), service('d', '16')], '17'), next.responder)
    watch.send(errorEvent(410, 'Expired'))
    await next.opened()
    const [relist, rewatch] = fake.requests.slice(2)
    expect(relist!.kind).toBe('list')
    expect(query(relist!)).toEqual({ resourceVersion: '15', resourceVersionMatch: 'NotOlderThan' })
    expect(query(rewatch!)).toMatchObject({ watch: '1', resourceVersion: '17' })
    expect(names(h)).toEqual(['a', 'd'])
    expect(h.metrics).toMatchObject({ relists: 1, watchRestarts: 1 })
  })

  it('as the HTTP status of the watch request: the same', async () => {
    const watch = await listedAndWatching()
    const next = new FakeWatch()
    fake.answer(status(410, 'Expired'), list([service('a', '5')], '20'), next.responder)
    watch.drop()
    await next.opened()
    const kinds = fake.requests.slice(2).map((r) => `${r.kind} ${r.query.get('resourceVersion')}`)
    expect(kinds).toEqual(['watch 10', 'list 10', 'watch 20'])
    expect(h.metrics).toMatchObject({ relists: 1, watchRestarts: 2 })
  })

  it('when the list from the last resourceVersion is refused too (410, or too new), the next read is consistent', async () => {
    const watch = await listedAndWatching()
    const next = new FakeWatch()
    fake.answer(status(410, 'Expired'), list([service('a', '5')], '40'), next.responder)
    watch.send(errorEvent(410, 'Expired'))
    await next.opened()
    const [fromLast, consistent] = fake.requests.slice(2)
    expect(query(fromLast!)).toEqual({ resourceVersion: '10', resourceVersionMatch: 'NotOlderThan' })
    expect(query(consistent!)).toEqual({ limit: '2' })

    const after = new FakeWatch()
    fake.answer(
      status(504, 'Timeout', {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      }),
      list([service('a', '5')], '50'),
      after.responder,
    )
    next.send(errorEvent(410, 'Expired'))
    await after.opened()
    const [tooNew, fresh] = fake.requests.slice(5)
    expect(query(tooNew!)).toMatchObject({ resourceVersion: '40' })
    expect(query(fresh!)).toEqual({ limit: '2' })
  })
})

describe('passing failures reopen the watch from the last resourceVersion, without a list', () => {
  it('429 with Retry-After: waits as long as the server asked', async () => {
    const watch = await listedAndWatching()
    const next = new FakeWatch()
    fake.answer(status(429, 'TooManyRequests', { retryAfter: 7 }), next.responder)
    watch.send(event('ADDED', service('c', '11')))
    await until('the event', () => h.objects.has('c'))
    watch.drop()
    await next.opened()
    const after = fake.requests.slice(2).map((r) => `${r.kind} ${r.query.get('resourceVersion')}`)
    expect(after).toEqual(['watch 11', 'watch 11'])
    expect(h.delays).toContain(7000)
    expect(h.metrics.relists).toBe(0)
  })

  it('500 on opening: backoff, state failing with the reason, then ok again once reopened', async () => {
    const watch = await listedAndWatching()
    const next = new FakeWatch()
    h.hold()
    fake.answer(status(500, 'InternalError'), next.responder)
    watch.drop()
    await until('the first delay', () => h.delays.length === 1)
    h.releaseOne()
    await until('the second delay', () => h.delays.length === 2)
    expect(h.state).toBe('failing')
    expect(h.states.at(-1)?.message).toBe('watch: InternalError (500)')
    expect(h.delays).toEqual([100, 200])
    h.release()
    await next.opened()
    await until('ok', () => h.state === 'ok')
    const after = fake.requests.slice(2).map((r) => `${r.kind} ${r.query.get('resourceVersion')}`)
    expect(after).toEqual(['watch 10', 'watch 10'])
    expect(names(h)).toEqual(['a', 'b'])
    expect(h.replaces).toHaveLength(1)
  })

  it('an internal error as an ERROR event: the same', async () => {
    const watch = await listedAndWatching()
    const next = new FakeWatch()
    fake.answer(next.responder)
    watch.send(event('MODIFIED', service('a', '12')), errorEvent(500, 'InternalError'))
    await next.opened()
    expect(query(fake.requests[2]!)).toMatchObject({ watch: '1', resourceVersion: '12' })
    expect(h.metrics).toMatchObject({ relists: 0, watchRestarts: 1 })
  })

  it('a dropped connection, and then refused connections while the server is away', async () => {
    const watch = await listedAndWatching()
    watch.send(bookmark('18'))
    await until('the bookmark', () => h.metrics.bookmarks.get('/Service') === 1)
    h.hold()
    await fake.goAway()
    // The cut watch, then a refused connection: each attempt backs off longer.
    await until('the cut watch', () => h.delays.length === 1)
    h.releaseOne()
    await until('a refused attempt', () => h.delays.length === 2)
    expect(h.state).toBe('failing')
    expect(h.states.at(-1)?.message).toMatch(/ECONNREFUSED/)
    expect(h.delays).toEqual([100, 200])
    const next = new FakeWatch()
    fake.answer(next.responder)
    await fake.comeBack()
    h.release()
    await next.opened()
    const rewatch = fake.requests.at(-1)!
    expect(rewatch.kind).toBe('watch')
    expect(rewatch.query.get('resourceVersion')).toBe('18')
    expect(fake.requests.filter((r) => r.kind === 'list')).toHaveLength(1)
    await until('ok', () => h.state === 'ok')
  })

  it('a watch the server ends at its timeout resumes from the last event', async () => {
    const watch = await listedAndWatching()
    const next = new FakeWatch()
    fake.answer(next.responder)
    watch.send(event('ADDED', service('c', '21')))
    await until('the event', () => h.objects.has('c'))
    watch.end()
    await next.opened()
    expect(fake.requests.map((r) => r.kind)).toEqual(['list', 'watch', 'watch'])
    expect(fake.requests[2]!.query.get('resourceVersion')).toBe('21')
  })
})

describe('refusals that are about us', () => {
  it('403: forbidden, nothing held, retried slowly with a list', async () => {
    const watch = await listedAndWatching()
    h.hold()
    fake.answer(status(403, 'Forbidden'))
    watch.drop()
    await until('the first delay', () => h.delays.length === 1)
    h.releaseOne()
    await until('forbidden', () => h.state === 'forbidden')
    expect(h.objects.size).toBe(0)
    expect(h.delays.at(-1)).toBe(60_000)
    const next = new FakeWatch()
    fake.answer(list([service('a', '5')], '30'), next.responder)
    h.release()
    await next.opened()
    expect(fake.requests.at(-2)?.kind).toBe('list')
    expect(fake.requests.at(-2)?.query.get('resourceVersion')).toBe('10')
    expect(h.state).toBe('ok')
  })

  it('404: not installed, and the loop ends', async () => {
    h = new Harness(fake, { watchList: false })
    fake.answer(status(404, 'NotFound'))
    h.watcher.start()
    await until('not-installed', () => h.state === 'not-installed')
    expect(h.watcher.running).toBe(false)
    expect(fake.requests).toHaveLength(1)
  })
})

it('every request names Gatemap and its version as the User-Agent', async () => {
  const watch = await listedAndWatching()
  watch.drop()
  await h.request(3)
  expect(VERSION).toMatch(/^\d+\.\d+\.\d+/)
  expect(fake.requests.map((r) => r.headers['user-agent'])).toEqual(Array(3).fill(`gatemap/${VERSION}`))
  expect(fake.requests[0]!.headers.authorization).toBe('Bearer fake-token')
})
