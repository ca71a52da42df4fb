// Events read through either API become the same row; the same Event seen through both is one row;
// rows are newest first; Events about another object of the same kind and name are left out.
import { describe, expect, it } from 'vitest'
import {
  concerns,
  eventFieldSelector,
  eventsAbout,
  type HeldEvent,
  heldEvent,
} from '../../src/sources/cluster/events/rows.ts'

const ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  namespace: 'team-a',
  name: 'web',
}

/** A core v1 Event as the API server returns it for an old-style recorder. */
const coreEvent = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'team-a', uid: `uid-${name}`, creationTimestamp: '2026-12-02T10:00:00Z' },
  involvedObject: { ...ROUTE, uid: 'route-uid' },
  type: 'Warning',
  reason: 'ReconcileFailed',
  message: 'backend Service team-a/api not found',
  count: 4,
  source: { component: 'old-controller' },
  firstTimestamp: '2026-12-02T10:00:00Z',
  lastTimestamp: '2026-12-02T10:05:00Z',
  ...extra,
})

/** The events.k8s.io/v1 view of an Event a new-style recorder wrote (a series, no old fields). */
const newEvent = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name, namespace: 'team-a', uid: `uid-${name}`, creationTimestamp: '2026-12-02T11:00:00Z' },
  regarding: { ...ROUTE, uid: 'route-uid' },
  type: 'Normal',
  reason: 'Programmed',
  note: 'route programmed on 2 listeners',
  action: 'Reconcile',
  reportingController: 'example.com/gateway-controller',
  reportingInstance: 'controller-0',
  eventTime: '2026-12-02T11:00:00.000000Z',
  series: { count: 7, lastObservedTime: '2026-12-02T11:30:00.000000Z' },
  ...extra,
})

const held = (raw: unknown, api: 'v1' | 'events.k8s.io/v1'): HeldEvent => {
  const event = heldEvent(raw, api)
  if (!event) throw new Error('not read as an Event')
  return event
}

describe('one row from either API', () => {
  it('reads a core v1 Event: message, count, source component, first and last timestamps', () => {
    expect(held(coreEvent('a'), 'v1')).toEqual({
      row: {
        uid: 'uid-a',
        type: 'Warning',
        reason: 'ReconcileFailed',
        message: 'backend Service team-a/api not found',
        count: 4,
        source: 'old-controller',
        firstSeen: '2026-12-02T10:00:00Z',
        lastSeen: '2026-12-02T10:05:00Z',
      },
      about: { uid: 'route-uid', apiVersion: 'gateway.networking.k8s.io/v1' },
    })
  })

  it('reads an events.k8s.io/v1 Event: note, the series count and last observed time, reportingController', () => {
    expect(held(newEvent('b'), 'events.k8s.io/v1').row).toEqual({
      uid: 'uid-b',
      type: 'Normal',
      reason: 'Programmed',
      message: 'route programmed on 2 listeners',
      count: 7,
      source: 'example.com/gateway-controller',
      firstSeen: '2026-12-02T11:00:00.000000Z',
      lastSeen: '2026-12-02T11:30:00.000000Z',
    })
  })

  it('reads the old fields where events.k8s.io keeps them (deprecatedCount, deprecatedSource, deprecated timestamps)', () => {
    const raw = newEvent('c', {
      series: undefined,
      eventTime: null,
      reportingController: '',
      deprecatedSource: { component: 'old-controller' },
      deprecatedCount: 3,
      deprecatedFirstTimestamp: '2026-12-02T09:00:00Z',
      deprecatedLastTimestamp: '2026-12-02T09:10:00Z',
    })
    expect(held(raw, 'events.k8s.io/v1').row).toMatchObject({
      count: 3,
      source: 'old-controller',
      firstSeen: '2026-12-02T09:00:00Z',
      lastSeen: '2026-12-02T09:10:00Z',
    })
  })

  it('reads a new-style Event through core v1 by its series (its old count is 0), and counts 1 without either', () => {
    const viaCore = coreEvent('d', {
      count: 0,
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: '2026-12-02T12:00:00.000000Z',
      series: { count: 5, lastObservedTime: '2026-12-02T12:10:00.000000Z' },
      source: {},
      reportingComponent: 'example.com/gateway-controller',
    })
    expect(held(viaCore, 'v1').row).toMatchObject({
      count: 5,
      source: 'example.com/gateway-controller',
      firstSeen: '2026-12-02T12:00:00.000000Z',
      lastSeen: '2026-12-02T12:10:00.000000Z',
    })
    const once = coreEvent('e', { count: undefined, firstTimestamp: undefined, lastTimestamp: undefined })
    expect(held(once, 'v1').row).toMatchObject({
      count: 1,
      firstSeen: '2026-12-02T10:00:00Z',
      lastSeen: '2026-12-02T10:00:00Z',
    })
  })

  it('is nothing for something that is not an object with a name', () => {
    expect(heldEvent(null, 'v1')).toBeUndefined()
    expect(heldEvent({ metadata: {} }, 'events.k8s.io/v1')).toBeUndefined()
  })
})

describe('the Events about one object', () => {
  const subject = { uid: 'route-uid', group: 'gateway.networking.k8s.io' }

  it('are newest first by last seen, then first seen', () => {
    const older = held(coreEvent('older', { lastTimestamp: '2026-12-02T10:01:00Z' }), 'v1')
    const newer = held(coreEvent('newer', { lastTimestamp: '2026-12-02T10:09:00Z' }), 'v1')
    const tieLater = held(
      coreEvent('tie-later', {
        firstTimestamp: '2026-12-02T10:04:00Z',
        lastTimestamp: '2026-12-02T10:09:00Z',
      }),
      'v1',
    )
    const { events, total } = eventsAbout([[older, newer, tieLater]], subject, 50)
    expect(events.map((e) => e.uid)).toEqual(['uid-tie-later', 'uid-newer', 'uid-older'])
    expect(total).toBe(3)
  })

  it('count an Event seen through both APIs once, as the first list read it', () => {
    const throughNew = held(newEvent('same'), 'events.k8s.io/v1')
    // The same stored Event through core v1: same uid, old-shaped fields.
    const throughCore = held(
      coreEvent('same', {
        metadata: { name: 'same', namespace: 'team-a', uid: 'uid-same' },
        message: 'route programmed on 2 listeners',
        count: 0,
        series: { count: 7, lastObservedTime: '2026-12-02T11:30:00.000000Z' },
      }),
      'v1',
    )
    const other = held(coreEvent('other'), 'v1')
    const { events, total } = eventsAbout([[throughNew], [throughCore, other]], subject, 50)
    expect(total).toBe(2)
    expect(events.map((e) => e.uid)).toEqual(['uid-same', 'uid-other'])
    expect(events[0]).toEqual(throughNew.row)
  })

  it('leave out Events about an earlier object of the same name and about a same-named kind of another group', () => {
    const earlier = held(
      coreEvent('earlier', { involvedObject: { ...ROUTE, uid: 'deleted-route-uid' } }),
      'v1',
    )
    const istio = held(
      coreEvent('istio', {
        involvedObject: { ...ROUTE, apiVersion: 'networking.istio.io/v1', uid: undefined },
      }),
      'v1',
    )
    const noUid = held(coreEvent('no-uid', { involvedObject: { kind: 'HTTPRoute', name: 'web' } }), 'v1')
    expect(concerns(earlier, subject)).toBe(false)
    expect(concerns(istio, subject)).toBe(false)
    // A reporter that named the object without uid or apiVersion is taken at its word.
    expect(concerns(noUid, subject)).toBe(true)
    expect(concerns(earlier, {})).toBe(true)
    expect(eventsAbout([[earlier, istio, noUid]], subject, 50).events.map((e) => e.uid)).toEqual([
      'uid-no-uid',
    ])
  })

  it('are cut to the newest `limit`, with the total of all', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      held(coreEvent(`e${i}`, { lastTimestamp: new Date(Date.UTC(2026, 11, 2, 10, i)).toISOString() }), 'v1'),
    )
    const { events, total } = eventsAbout([many], subject, 50)
    expect(total).toBe(60)
    expect(events).toHaveLength(50)
    expect(events[0]?.uid).toBe('uid-e59')
    expect(events.at(-1)?.uid).toBe('uid-e10')
  })
})

describe('field selectors', () => {
  it('name the object by kind and name in each API’s own field names', () => {
    expect(eventFieldSelector('v1', 'HTTPRoute', 'web')).toBe(
      'involvedObject.kind=HTTPRoute,involvedObject.name=web',
    )
    expect(eventFieldSelector('events.k8s.io/v1', 'GatewayClass', 'eg')).toBe(
      'regarding.kind=GatewayClass,regarding.name=eg',
    )
    expect(eventFieldSelector('v1', 'X', 'a,b=c\\d')).toBe(
      'involvedObject.kind=X,involvedObject.name=a\\,b\\=c\\\\d',
    )
  })
})
