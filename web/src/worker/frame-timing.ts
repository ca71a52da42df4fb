// When the worker draws a frame for a message from the server.
import type { ServerMessage } from '@gatemap/shared'

/**
 * `now`: in the same task, right after the message is applied. `soon`: once the messages already
 * queued are applied too (a burst of deltas makes one frame). `none`: the graph did not change.
 *
 * The snapshot's frame is drawn at once: nothing else is waiting for it, and in Chromium the
 * worker's next task ran 45-60 ms late while the page was still loading (a zero-delay timer and a
 * MessageChannel message alike, measured from scheduling to running at 1,000 routes; 0-1 ms once the
 * page had loaded), which delayed every first graph by that much.
 */
export function frameTiming(type: ServerMessage['type']): 'now' | 'soon' | 'none' {
  switch (type) {
    case 'snapshot':
      return 'now'
    case 'hello':
    case 'pong':
    // The server's drawing of the snapshot that follows; the worker passes it on as it is.
    case 'first-frame':
      return 'none'
    default:
      return 'soon'
  }
}
