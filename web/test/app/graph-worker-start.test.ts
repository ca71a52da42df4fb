// The graph worker starts before React renders (main.tsx) and the first mount adopts it: what it
// said in between is handed over in order, and a view that differs gets a worker of its own.

import type { WorkerToPage } from '@gatemap/shared/view/frame/messages.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '@gatemap/shared/view/model/view-types.ts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { adoptGraphWorker, startGraphWorkerEarly } from '../../src/app/graph-worker-start.ts'

/** Stands in for the browser's Worker: records what the page posts, and can speak first. */
class FakeWorker {
  static made: FakeWorker[] = []
  posted: unknown[] = []
  terminated = false
  onmessage: ((event: { data: WorkerToPage }) => void) | null = null
  readonly url: string | URL
  constructor(url: string | URL) {
    this.url = url
    FakeWorker.made.push(this)
  }
  postMessage(message: unknown) {
    this.posted.push(message)
  }
  terminate() {
    this.terminated = true
  }
  say(data: WorkerToPage) {
    this.onmessage?.({ data })
  }
}

const saved = { Worker: globalThis.Worker, location: globalThis.location }
beforeEach(() => {
  FakeWorker.made = []
  Object.assign(globalThis, { Worker: FakeWorker, location: { protocol: 'https:', host: 'gatemap.example' } })
})
afterEach(() => {
  adoptGraphWorker(EMPTY_VIEW_STATE) // leaves nothing started early for the next test
  Object.assign(globalThis, saved)
})

const selected: ViewState = { ...EMPTY_VIEW_STATE, selected: 'Route:HTTPRoute/team-0/route-1' }
const connecting: WorkerToPage = { type: 'connection', connection: { state: 'connecting' } }
const failed: WorkerToPage = { type: 'stream-error', message: 'not JSON' }

describe('starting the graph worker early', () => {
  it('starts one worker for the address bar’s view and tells it where the stream is', () => {
    startGraphWorkerEarly(selected)
    startGraphWorkerEarly(selected)
    expect(FakeWorker.made).toHaveLength(1)
    expect(FakeWorker.made[0]!.posted).toEqual([
      { type: 'start', streamUrl: 'wss://gatemap.example/api/stream', view: selected },
    ])
  })

  it('hands the first mount the same worker and what it said before, in order', () => {
    startGraphWorkerEarly(selected)
    const early = FakeWorker.made[0]!
    early.say(connecting)
    early.say(failed)
    const adopted = adoptGraphWorker({ ...selected })
    expect(adopted.worker).toBe(early)
    expect(adopted.held).toEqual([connecting, failed])
    expect(early.terminated).toBe(false)
    // A second mount (React's StrictMode remounts in development) gets a worker of its own.
    const again = adoptGraphWorker(selected)
    expect(again.worker).not.toBe(early)
    expect(FakeWorker.made).toHaveLength(2)
  })

  it('replaces the early worker when the page asks for another view', () => {
    startGraphWorkerEarly(selected)
    const early = FakeWorker.made[0]!
    const adopted = adoptGraphWorker(EMPTY_VIEW_STATE)
    expect(early.terminated).toBe(true)
    expect(adopted.worker).toBe(FakeWorker.made[1])
    expect(FakeWorker.made[1]!.posted).toEqual([
      { type: 'start', streamUrl: 'wss://gatemap.example/api/stream', view: EMPTY_VIEW_STATE },
    ])
  })
})
