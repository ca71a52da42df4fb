// The receiving end of the stream: a tab's copy of the server's state, built from the snapshot and
// kept current by the events. Pure, so the web app and the tests apply messages the same way.
import { objectKey } from '../kinds.ts'
import type { FileState, KindState, ServerMessage, SourceInfo, StoredEntry } from './protocol.ts'

export interface Mirror {
  source?: SourceInfo
  epoch?: string
  /** The sequence number of the last event applied. */
  seq: number
  objects: Map<string, StoredEntry>
  kinds: Map<string, KindState>
  files: Map<string, FileState>
}

export function createMirror(): Mirror {
  return { seq: 0, objects: new Map(), kinds: new Map(), files: new Map() }
}

const entryKey = (entry: StoredEntry) =>
  objectKey(entry.object.kind, entry.object.metadata.namespace, entry.object.metadata.name)

/**
 * Applies one message. Returns 'gap' when an event does not follow the last one applied — the
 * mirror is then no longer trustworthy and the tab must subscribe again from `seq`.
 */
export function applyMessage(mirror: Mirror, message: ServerMessage): 'ok' | 'gap' {
  switch (message.type) {
    case 'hello':
      mirror.source = message.source
      return 'ok'
    case 'snapshot':
      mirror.epoch = message.epoch
      mirror.seq = message.seq
      mirror.objects = new Map(message.objects.map((e) => [entryKey(e), e]))
      mirror.kinds = new Map(message.kinds.map((k) => [`${k.group}/${k.kind}`, k]))
      mirror.files = new Map(message.files.map((f) => [f.file, f]))
      return 'ok'
    case 'resumed':
    case 'pong':
    case 'error':
    // A drawing of the snapshot that follows it: nothing to hold.
    case 'first-frame':
      return 'ok'
    default:
      break
  }
  if (message.seq <= mirror.seq) return 'ok' // already applied (a replay overlapping what we had)
  if (message.seq !== mirror.seq + 1) return 'gap'
  mirror.seq = message.seq
  if (message.type === 'delta') {
    const entry: StoredEntry = message.origin
      ? { object: message.object, origin: message.origin }
      : { object: message.object }
    if (message.op === 'deleted') mirror.objects.delete(entryKey(entry))
    else mirror.objects.set(entryKey(entry), entry)
  } else if (message.type === 'kind-state') {
    mirror.kinds.set(`${message.state.group}/${message.state.kind}`, message.state)
  } else if (message.removed) {
    mirror.files.delete(message.state.file)
  } else {
    mirror.files.set(message.state.file, message.state)
  }
  return 'ok'
}

/** What a reconnecting tab sends: resume where it was, or ask for a snapshot. */
export function subscribeMessage(mirror: Mirror): { type: 'subscribe'; epoch?: string; seq?: number } {
  return mirror.epoch === undefined
    ? { type: 'subscribe' }
    : { type: 'subscribe', epoch: mirror.epoch, seq: mirror.seq }
}
