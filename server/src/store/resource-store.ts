// The server's one copy of the state it watches. Sources write into it; the stream, the REST API
// and the analysis read from it. Every change becomes a numbered event, serialised once; the log
// keeps that text alone (not the event's objects), bounded in count and in bytes, so a reconnecting
// tab can be replayed what it missed, each change costs O(change), and no sequence of changes can
// grow memory past the budget.
import { randomBytes } from 'node:crypto'
import {
  type FileState,
  type KindState,
  type Origin,
  objectKey,
  type StoredEntry,
  type StreamEvent,
  splitApiVersion,
  type WireObject,
} from '@gatemap/shared'

/** `text` is the event as the wire carries it, serialised once for every reader. */
export type StoreListener = (event: StreamEvent, text: string) => void

/** An event as the log keeps it for replay. */
export interface LoggedEvent {
  seq: number
  /** The event as the wire carries it; parse it to filter. */
  text: string
}

/** The log's default budget: the serialised events kept for replay (`gatemap serve --event-log-bytes`). */
export const DEFAULT_EVENT_LOG_BYTES = 64 * 1024 * 1024

export interface StoreOptions {
  /** Events kept for replay; a tab further behind gets a snapshot. */
  logSize?: number
  /** Bytes of serialised events kept for replay (default DEFAULT_EVENT_LOG_BYTES). */
  logBytes?: number
  /** Told when a subscriber throws (default: a line on stderr). */
  onListenerError?: (error: unknown, event: StreamEvent) => void
}

export const keyOf = (object: WireObject) =>
  objectKey(object.kind, object.metadata.namespace, object.metadata.name)

/** `group/kind`, the identity of a watched kind. */
export const kindKey = (group: string, kind: string) => `${group}/${kind}`

function groupKindOf(object: WireObject): string {
  return kindKey(splitApiVersion(object.apiVersion).group, object.kind)
}

function sameEntry(a: StoredEntry, object: WireObject, origin: Origin | undefined): boolean {
  // A folder object that moved within its file keeps its content (and resourceVersion) but not its line.
  if (a.origin?.file !== origin?.file || a.origin?.line !== origin?.line) return false
  const rvA = a.object.metadata.resourceVersion
  const rvB = object.metadata.resourceVersion
  if (rvA !== undefined && rvB !== undefined) return rvA === rvB
  return JSON.stringify(a.object) === JSON.stringify(object)
}

export class ResourceStore {
  /** Identifies this run of the server: sequence numbers from another epoch mean nothing. */
  readonly epoch = randomBytes(8).toString('hex')
  private sequence = 0
  private readonly entries = new Map<string, StoredEntry>()
  private readonly byKind = new Map<string, Set<string>>()
  private readonly kinds = new Map<string, KindState>()
  private readonly files = new Map<string, FileState>()
  private log: LoggedEvent[] = []
  private logged = 0
  private readonly logSize: number
  private readonly logBytes: number
  private readonly listeners = new Set<StoreListener>()
  /** Serialised size of what a snapshot carries, per object, kind state and file state. */
  private readonly held = new Map<string, number>()
  private heldTotal = 0

  private readonly onListenerError: (error: unknown, event: StreamEvent) => void

  constructor(options: StoreOptions = {}) {
    this.logSize = options.logSize ?? 10_000
    this.logBytes = options.logBytes ?? DEFAULT_EVENT_LOG_BYTES
    this.onListenerError =
      options.onListenerError ??
      ((error, event) =>
        process.stderr.write(
          `gatemap: a reader of the store failed on event ${event.seq}: ${String(error)}\n`,
        ))
  }

  get seq(): number {
    return this.sequence
  }

  get size(): number {
    return this.entries.size
  }

  get(kind: string, namespace: string | undefined, name: string): StoredEntry | undefined {
    return this.entries.get(objectKey(kind, namespace, name))
  }

  all(): IterableIterator<StoredEntry> {
    return this.entries.values()
  }

  /** Adds or replaces an object; emits nothing when it is unchanged. */
  upsert(object: WireObject, origin?: Origin): void {
    const key = keyOf(object)
    const previous = this.entries.get(key)
    if (previous && sameEntry(previous, object, origin)) return
    const entry: StoredEntry = origin ? { object, origin } : { object }
    this.entries.set(key, entry)
    if (!previous) this.indexKind(object, key)
    this.hold(`o:${key}`, this.emit({ type: 'delta', seq: 0, op: previous ? 'modified' : 'added', ...entry }))
  }

  remove(kind: string, namespace: string | undefined, name: string): void {
    const key = objectKey(kind, namespace, name)
    const previous = this.entries.get(key)
    if (!previous) return
    this.entries.delete(key)
    this.byKind.get(groupKindOf(previous.object))?.delete(key)
    this.emit({ type: 'delta', seq: 0, op: 'deleted', ...previous })
    this.hold(`o:${key}`, undefined)
  }

  /**
   * Makes the held objects of one kind equal to `objects` (a relist), emitting only the
   * differences, so a relist after a restart sends what changed and nothing else.
   */
  replaceKind(group: string, kind: string, objects: readonly WireObject[]): void {
    const keep = new Set<string>()
    for (const object of objects) {
      keep.add(keyOf(object))
      this.upsert(object)
    }
    for (const key of [...(this.byKind.get(kindKey(group, kind)) ?? [])]) {
      if (keep.has(key)) continue
      const entry = this.entries.get(key)
      if (entry) this.remove(entry.object.kind, entry.object.metadata.namespace, entry.object.metadata.name)
    }
  }

  /** Objects held of one kind. */
  ofKind(group: string, kind: string): StoredEntry[] {
    const keys = this.byKind.get(kindKey(group, kind)) ?? new Set()
    return [...keys].map((key) => this.entries.get(key)).filter((e): e is StoredEntry => e !== undefined)
  }

  countOf(group: string, kind: string): number {
    return this.byKind.get(kindKey(group, kind))?.size ?? 0
  }

  setKindState(state: KindState): void {
    const key = kindKey(state.group, state.kind)
    const previous = this.kinds.get(key)
    if (previous && JSON.stringify(previous) === JSON.stringify(state)) return
    this.kinds.set(key, state)
    this.hold(`k:${key}`, this.emit({ type: 'kind-state', seq: 0, state }))
  }

  kindStates(): KindState[] {
    return [...this.kinds.values()]
  }

  setFileState(state: FileState): void {
    const previous = this.files.get(state.file)
    if (previous && JSON.stringify(previous) === JSON.stringify(state)) return
    this.files.set(state.file, state)
    this.hold(`f:${state.file}`, this.emit({ type: 'file-state', seq: 0, state }))
  }

  removeFileState(file: string): void {
    const previous = this.files.get(file)
    if (!previous) return
    this.files.delete(file)
    this.emit({ type: 'file-state', seq: 0, state: previous, removed: true })
    this.hold(`f:${file}`, undefined)
  }

  fileStates(): FileState[] {
    return [...this.files.values()]
  }

  snapshot(): { seq: number; objects: StoredEntry[]; kinds: KindState[]; files: FileState[] } {
    return {
      seq: this.sequence,
      objects: [...this.entries.values()],
      kinds: this.kindStates(),
      files: this.fileStates(),
    }
  }

  /**
   * About the bytes of a snapshot now (each held object, kind and file state as its last event
   * carried it), so a resume can be weighed against a snapshot without serialising one.
   */
  get snapshotBytes(): number {
    return this.heldTotal
  }

  /** Bytes of serialised events the log holds now. */
  get logHeld(): { events: number; bytes: number } {
    return { events: this.log.length, bytes: this.logged }
  }

  /** The events after `seq`, or undefined when they are no longer all in the log. */
  since(seq: number): LoggedEvent[] | undefined {
    if (seq > this.sequence) return undefined
    if (seq === this.sequence) return []
    const first = this.log[0]
    if (!first || first.seq > seq + 1) return undefined
    return this.log.slice(seq + 1 - first.seq)
  }

  /**
   * Drops the oldest events down to the count and a tenth below the byte budget: trimming in
   * batches keeps the amortised cost per event constant. An event larger than the whole budget
   * leaves the log empty; tabs behind it get a snapshot.
   */
  private trim(): void {
    const bytes = this.logBytes * 0.9
    let drop = Math.max(0, this.log.length - this.logSize)
    let left = this.logged
    for (let i = 0; i < drop; i++) left -= this.log[i]?.text.length ?? 0
    while (drop < this.log.length && left > bytes) left -= this.log[drop++]?.text.length ?? 0
    this.log = this.log.slice(drop)
    this.logged = left
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private indexKind(object: WireObject, key: string): void {
    const gk = groupKindOf(object)
    let keys = this.byKind.get(gk)
    if (!keys) {
      keys = new Set()
      this.byKind.set(gk, keys)
    }
    keys.add(key)
  }

  private hold(key: string, bytes: number | undefined): void {
    this.heldTotal -= this.held.get(key) ?? 0
    if (bytes === undefined) this.held.delete(key)
    else {
      this.held.set(key, bytes)
      this.heldTotal += bytes
    }
  }

  /** Numbers, logs and publishes an event; returns its serialised size. */
  private emit(event: StreamEvent): number {
    event.seq = ++this.sequence
    const text = JSON.stringify(event)
    this.log.push({ seq: event.seq, text })
    // Strings count one byte per character here; V8 stores JSON of ASCII text that way.
    this.logged += text.length
    if (this.log.length > this.logSize * 1.25 || this.logged > this.logBytes) this.trim()
    for (const listener of this.listeners) {
      // One reader failing on an unexpected object must not stop the others, nor the source's loop.
      try {
        listener(event, text)
      } catch (error) {
        this.onListenerError(error, event)
      }
    }
    return text.length
  }
}
