// "Trace a request here" fills the form with a request the listener itself takes, sent to its Gateway
// (a ListenerSet's parent for a ListenerSet's listener).

import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { runTrace } from '@gatemap/shared/view/frame/trace.ts'
import { parseTraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { exampleObjects, snapshotOf } from '../../../shared/test/view/examples.ts'
import { listenerRequest, traceHereQuery } from '../../src/panels/TraceHere.tsx'

describe('listenerRequest', () => {
  it.each([
    [{ protocol: 'HTTP', port: 80 }, 'http', 'http://example.com/'],
    [{ protocol: 'HTTPS', port: 443, hostname: 'shop.example.com' }, 'http', 'https://shop.example.com/'],
    [{ protocol: 'HTTP', port: 8080, hostname: '*.example.com' }, 'http', 'http://www.example.com:8080/'],
    [{ protocol: 'TLS', port: 8443, hostname: 'secure.example.com' }, 'tls', 'secure.example.com:8443'],
    [{ protocol: 'TCP', port: 5432 }, 'tcp', 'example.com:5432'],
    [{ protocol: 'UDP', port: 53 }, 'tcp', 'example.com:53'],
  ])('%o → %s %s, which the shared parser reads', (listener, mode, target) => {
    const query = listenerRequest('infra/gw', listener)
    expect(query).toMatchObject({ gateway: 'infra/gw', mode, target })
    const parsed = parseTraceQuery(query)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.request.port).toBe(listener.port)
  })
})

describe('traceHereQuery on examples/listenerset', () => {
  it('sends a ListenerSet listener’s request to the parent Gateway, and the trace goes through the set', () => {
    const pipeline = new GraphPipeline()
    expect(pipeline.apply(snapshotOf(exampleObjects('listenerset')))).toBe('ok')
    const frame = pipeline.frame({
      ...EMPTY_VIEW_STATE,
      selected: 'Listener:ListenerSet/ls-team-a/team-a#https',
    })
    const query = traceHereQuery(frame.details!)
    expect(query).toMatchObject({
      gateway: 'ls-infra/ls-gateway',
      mode: 'http',
      target: 'https://team-a.example.com/',
    })
    const answer = runTrace(pipeline.analysis, query!)
    expect(answer.result?.listener).toMatchObject({
      owner: { kind: 'ListenerSet', name: 'team-a' },
      name: 'https',
    })
    expect(answer.path.stops.map((s) => s.id).slice(0, 3)).toEqual([
      'Gateway:Gateway/ls-infra/ls-gateway',
      'ListenerSet:ListenerSet/ls-team-a/team-a',
      'Listener:ListenerSet/ls-team-a/team-a#https',
    ])
    const set = pipeline.frame({ ...EMPTY_VIEW_STATE, selected: 'ListenerSet:ListenerSet/ls-team-a/team-a' })
    expect(traceHereQuery(set.details!)).toMatchObject({ gateway: 'ls-infra/ls-gateway', target: '' })
  })
})
