import { ApiException, type KubeConfig, type KubernetesObject, Watch } from '@kubernetes/client-node'
import { errorMessage } from '../cluster/manifests.ts'

/** Awaits a call that must fail with an API error of the given HTTP status; returns its message. */
export async function apiError(call: Promise<unknown>, code: number): Promise<string> {
  try {
    await call
  } catch (err) {
    if (!(err instanceof ApiException)) throw err
    if (err.code !== code) throw new Error(`expected HTTP ${code}, got ${errorMessage(err)}`)
    return errorMessage(err)
  }
  throw new Error(`expected HTTP ${code}, but the call succeeded`)
}

export interface WatchEvent {
  type: string
  object: KubernetesObject & { code?: number; reason?: string; message?: string }
}

/**
 * A client-node watch that records its events; `until` resolves once an event matches, `ended`
 * once the watch is over (with the error, if any).
 */
export async function recordWatch(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | boolean> = {},
) {
  const events: WatchEvent[] = []
  const waiters: { match: (e: WatchEvent) => boolean; resolve: (e: WatchEvent) => void }[] = []
  let endedWith: { err: unknown } | undefined
  const endWaiters: ((r: { err: unknown }) => void)[] = []
  const controller = await new Watch(kc).watch(
    path,
    query,
    (type, object) => {
      const event = { type, object } as WatchEvent
      events.push(event)
      for (const w of [...waiters]) {
        if (w.match(event)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve(event)
        }
      }
    },
    (err) => {
      endedWith = { err }
      for (const resolve of endWaiters) resolve(endedWith)
    },
  )
  return {
    events,
    until(match: (e: WatchEvent) => boolean, timeoutMs = 20_000): Promise<WatchEvent> {
      const seen = events.find(match)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching watch event on ${path}`)), timeoutMs)
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer)
            resolve(e)
          },
        })
      })
    },
    ended(timeoutMs = 20_000): Promise<{ err: unknown }> {
      if (endedWith) return Promise.resolve(endedWith)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`watch on ${path} did not end`)), timeoutMs)
        endWaiters.push((r) => {
          clearTimeout(timer)
          resolve(r)
        })
      })
    },
    stop: () => controller.abort(),
  }
}
