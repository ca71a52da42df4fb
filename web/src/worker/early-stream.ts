// The stream as the graph worker's entry opens it, before the rest of the worker is loaded.
import { createMirror, subscribeMessage } from '@gatemap/shared'

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

/** Opens the stream and subscribes as a tab that holds nothing yet (it gets a snapshot). */
export function openEarlyStream(url: string): EarlyStream {
  const socket = new WebSocket(url)
  const stream: EarlyStream = { socket, opened: false, received: [] }
  socket.onopen = () => {
    stream.opened = true
    socket.send(JSON.stringify(subscribeMessage(createMirror())))
  }
  socket.onmessage = (event: MessageEvent<string>) => stream.received.push(event.data)
  socket.onclose = (event) => {
    stream.closed = event
  }
  return stream
}
