// Events about one object, posted to the real API server the way controllers write them: an old
// recorder's core v1 Event (involvedObject, count, first and last timestamps) and a new recorder's
// events.k8s.io/v1 Event (regarding, note, a series). Shared by the tests of /api/events
// (server-http/events) and of the details panel's Events (dashboard-cluster/events).
import type { KubeHttp } from '../../server/src/sources/cluster/http.ts'

const GATEWAY_GROUP = 'gateway.networking.k8s.io'

/** An object as an Event names it; Gatemap matches the uid too. */
export interface Regarding {
  apiVersion: string
  kind: string
  namespace: string
  name: string
  uid: string
}

export const httpRoute = (namespace: string, name: string, uid: string): Regarding => ({
  apiVersion: `${GATEWAY_GROUP}/v1`,
  kind: 'HTTPRoute',
  namespace,
  name,
  uid,
})

export interface CoreEvent {
  name: string
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  count: number
  /** source.component */
  component: string
  firstTimestamp: string
  lastTimestamp: string
  /** Another object than the recorder's (an earlier one of the same name, another route). */
  involvedObject?: Regarding
}

export interface SeriesEvent {
  name: string
  type: 'Normal' | 'Warning'
  reason: string
  note: string
  reportingController: string
  eventTime: string
  count: number
  lastObservedTime: string
}

/** Core v1 timestamps are whole seconds; events.k8s.io/v1 times are microseconds. */
export const seconds = (time: Date) => time.toISOString().replace(/\.\d+Z$/, 'Z')
export const micros = (time: Date) => time.toISOString().replace('Z', '000Z')

/** Posts Events about `about()` (read when posting: tests learn the uid in beforeAll) into its namespace. */
export function eventRecorder(http: () => KubeHttp, about: () => Regarding) {
  return {
    core(e: CoreEvent) {
      const { namespace } = about()
      return http().request('POST', `/api/v1/namespaces/${namespace}/events`, {
        body: {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: e.name, namespace },
          involvedObject: e.involvedObject ?? about(),
          type: e.type,
          reason: e.reason,
          message: e.message,
          count: e.count,
          source: { component: e.component },
          firstTimestamp: e.firstTimestamp,
          lastTimestamp: e.lastTimestamp,
        },
      })
    },
    series(e: SeriesEvent) {
      const { namespace } = about()
      return http().request('POST', `/apis/events.k8s.io/v1/namespaces/${namespace}/events`, {
        body: {
          apiVersion: 'events.k8s.io/v1',
          kind: 'Event',
          metadata: { name: e.name, namespace },
          regarding: about(),
          type: e.type,
          reason: e.reason,
          note: e.note,
          action: 'Reconcile',
          reportingController: e.reportingController,
          reportingInstance: 'controller-0',
          eventTime: e.eventTime,
          series: { count: e.count, lastObservedTime: e.lastObservedTime },
        },
      })
    },
  }
}
