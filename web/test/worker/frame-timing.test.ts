import type { ServerMessage } from '@gatemap/shared'
import { describe, expect, it } from 'vitest'
import { frameTiming } from '../../src/worker/frame-timing.ts'

describe('frameTiming', () => {
  // Every message type the server sends, so a new one is a decision someone has to make here.
  const table: Record<ServerMessage['type'], ReturnType<typeof frameTiming>> = {
    snapshot: 'now',
    delta: 'soon',
    'kind-state': 'soon',
    'file-state': 'soon',
    resumed: 'soon',
    error: 'soon',
    hello: 'none',
    pong: 'none',
    'first-frame': 'none',
  }
  for (const [type, timing] of Object.entries(table)) {
    it(`draws a frame ${timing === 'now' ? 'at once' : timing === 'soon' ? 'after the queued messages' : 'not at all'} for ${type}`, () => {
      expect(frameTiming(type as ServerMessage['type'])).toBe(timing)
    })
  }
})
