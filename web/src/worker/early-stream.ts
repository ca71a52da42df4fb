// The stream as the graph worker's entry opens it, before the rest of the worker is loaded.
import { type ClientMessage, createMirror, subscribeMessage } from '@gatemap/shared'
import { PROBLEMS_PAGE } from '@gatemap/shared/view/frame/messages.ts'
import type { ViewState } from '@gatemap/shared/view/model/view-types.ts'

/** A WebSocket opened early, and what it said before anyone else listened. */
export interface EarlyStream {
  socket: WebSocket
  /** Whether it opened (and so has subscribed). */
  opened: boolean
  /** Messages received so far, oldest first. */
  received: string[]
  /** Set when it closed before being handed over. */
  closed?: CloseEvent
}

/** The subscribe of a tab that holds nothing: a snapshot, and the first frame of its view before it. */
export function firstSubscribe(view: ViewState): ClientMessage {
  return { ...subscribeMessage(createMirror()), frame: { view, problems: PROBLEMS_PAGE } }
}

/**
 * Opens the stream and subscribes as a tab that holds nothing yet: it gets a snapshot, and before it
 * the server's drawing of the page's view (first-frame.ts in shared) when the server can draw one.
 */
export function openEarlyStream(url: string, view: ViewState): EarlyStream {
  const socket = new WebSocket(url)
  const stream: EarlyStream = { socket, opened: false, received: [] }
  socket.onopen = () => {
    stream.opened = true
    socket.send(JSON.stringify(firstSubscribe(view)))
  }
  socket.onmessage = (event: MessageEvent<string>) => stream.received.push(event.data)
  socket.onclose = (event) => {
    stream.closed = event
  }
  return stream
}
