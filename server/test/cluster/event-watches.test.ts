// Following one object's Events against a scripted API server (fake-api.ts: real HTTP, the real
// watcher): the field-selected list and watch, core v1 asked when events.k8s.io is refused, a
// refusal of both said as forbidden (never an empty list), and watches stopped when nobody asks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EventWatches } from '../../src/sources/cluster/events/event-watches.ts'
import { KubeHttp } from '../../src/sources/cluster/http.ts'
import { WatchMetrics } from '../../src/sources/cluster/metrics.ts'
import { event, FakeApiServer, FakeWatch, list, status } from './fake-api.ts'

const target = { kind: 'HTTPRoute', name: 'web', namespace: 'team-a' }
const subject = { uid: 'route-uid', group: 'gateway.networking.k8s.io' }

const coreEvent = (name: string, lastTimestamp: string) => ({
  metadata: { name, namespace: 'team-a', uid: `uid-${name}`, resourceVersion: '5' },
  involvedObject: {
    kind: 'HTTPRoute',
    name: 'web',
    uid: 'route-uid',
    apiVersion: 'gateway.networking.k8s.io/v1',
  },
  type: 'Warning',
  reason: 'BackendNotFound',
  message: `seen at ${lastTimestamp}`,
  count: 2,
  source: { component: 'controller' },
  firstTimestamp: lastTimestamp,
  lastTimestamp,
})

const newEvent = (name: string, lastObservedTime: string) => ({
  metadata: { name, namespace: 'team-a', uid: `uid-${name}`, resourceVersion: '6' },
  regarding: { kind: 'HTTPRoute', name: 'web', uid: 'route-uid', apiVersion: 'gateway.networking.k8s.io/v1' },
  type: 'Normal',
  reason: 'Accepted',
  note: 'attached',
  reportingController: 'example.com/ctrl',
  eventTime: lastObservedTime,
  series: { count: 3, lastObservedTime },
})

let fake: FakeApiServer
let watches: EventWatches | undefined
beforeEach(async () => {
  fake = await FakeApiServer.start()
})
afterEach(async () => {
  await watches?.stop()
  watches = undefined
  await fake.close()
})

const make = (options: { idleMs?: number; max?: number } = {}) => {
  watches = new EventWatches({
    httpFor: () => new KubeHttp(fake.kubeConfig()),
    metrics: new WatchMetrics(),
    tuning: { watchList: false, sleep: () => new Promise(() => {}), watchTimeoutSeconds: () => 300 },
    ...options,
  })
  return watches
}

describe('the Events of one object', () => {
  it('are listed and watched through events.k8s.io with a field selector in the object’s namespace, newest first, live', async () => {
    const w = make()
    const watch = new FakeWatch()
    fake.answer(list([newEvent('a', '2026-12-02T10:00:00Z')], '10'), watch.responder)
    const first = await w.answer({}, target, subject)
    expect(first.state).toBe('ok')
    expect(first.events.map((e) => e.uid)).toEqual(['uid-a'])
    const [listed] = fake.requests
    expect(listed?.path).toBe('/apis/events.k8s.io/v1/namespaces/team-a/events')
    expect(listed?.query.get('fieldSelector')).toBe('regarding.kind=HTTPRoute,regarding.name=web')
    await watch.opened()
    expect(fake.requests[1]?.query.get('fieldSelector')).toBe('regarding.kind=HTTPRoute,regarding.name=web')

    watch.send(event('ADDED', newEvent('b', '2026-12-02T10:05:00Z')))
    await expect
      .poll(async () => (await w.answer({}, target, subject)).events.map((e) => e.uid))
      .toEqual(['uid-b', 'uid-a'])
    watch.send(event('DELETED', newEvent('a', '2026-12-02T10:00:00Z')))
    await expect.poll(async () => (await w.answer({}, target, subject)).total).toBe(1)
    // Asked again and again: still one watch.
    expect(w.size).toBe(1)
    expect(fake.requests).toHaveLength(2)
  })

  it('are read as core v1 Events where events.k8s.io is forbidden', async () => {
    const w = make()
    const watch = new FakeWatch()
    fake.answer(
      status(403, 'Forbidden'),
      list([coreEvent('old', '2026-12-02T09:00:00Z')], '10'),
      watch.responder,
    )
    const answer = await w.answer({ bearerToken: 'person' }, target, subject)
    expect(answer).toMatchObject({
      state: 'ok',
      total: 1,
      events: [{ uid: 'uid-old', count: 2, source: 'controller' }],
    })
    expect(fake.requests[1]?.path).toBe('/api/v1/namespaces/team-a/events')
    expect(fake.requests[1]?.query.get('fieldSelector')).toBe(
      'involvedObject.kind=HTTPRoute,involvedObject.name=web',
    )
  })

  it('are read as core v1 Events where events.k8s.io fails (a field selector it does not take)', async () => {
    const w = make()
    fake.answer(
      status(400, 'BadRequest'),
      list([coreEvent('old', '2026-12-02T09:00:00Z')], '10'),
      new FakeWatch().responder,
    )
    const answer = await w.answer({}, target, subject)
    expect(answer).toMatchObject({ state: 'ok', total: 1, events: [{ uid: 'uid-old' }] })
    expect(fake.requests[1]?.path).toBe('/api/v1/namespaces/team-a/events')
  })

  it('say that the person may not list them when both APIs refuse, naming the namespace', async () => {
    const w = make()
    fake.answer(status(403, 'Forbidden'), status(403, 'Forbidden'))
    const answer = await w.answer({ bearerToken: 'person' }, target, subject)
    expect(answer.state).toBe('forbidden')
    expect(answer.message).toBe('You may not list Events in namespace team-a.')
    expect(answer.detail).toMatch(/Forbidden/)
    expect(answer.events).toEqual([])
  })

  it('say that the server’s identity may not list them, and what to grant', async () => {
    const w = make()
    fake.answer(status(403, 'Forbidden'), status(403, 'Forbidden'))
    const answer = await w.answer({}, { kind: 'GatewayClass', name: 'eg' }, {})
    expect(answer.state).toBe('forbidden')
    expect(answer.message).toMatch(
      /^The identity Gatemap reads the cluster with may not list Events across namespaces/,
    )
    // A cluster-scoped object's Events are looked for in every namespace.
    expect(fake.requests[0]?.path).toBe('/apis/events.k8s.io/v1/events')
  })

  it('keep one watch per reader and object, stop watches nobody asked about, and make room for new ones', async () => {
    const w = make({ idleMs: 60_000, max: 2 })
    fake.answer(
      list([], '1'),
      new FakeWatch().responder,
      list([], '1'),
      new FakeWatch().responder,
      list([], '1'),
      new FakeWatch().responder,
    )
    await w.answer({}, target, subject)
    await w.answer({ bearerToken: 'someone else' }, target, subject)
    expect(w.size).toBe(2)
    await w.answer({}, { ...target, name: 'other' }, {})
    expect(w.size).toBe(2)
    w.sweep(Date.now() + 61_000)
    expect(w.size).toBe(0)
  })
})
