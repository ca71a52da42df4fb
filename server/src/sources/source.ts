// What every source of Gateway API state offers the server: it fills the ResourceStore (reads) and
// carries out writes for one caller (writes). A cluster source and a folder source implement both;
// the HTTP layer knows nothing else about them.
import type { Ownership, SourceInfo, WireObject } from '@gatemap/shared'

export type { Ownership }

export interface ObjectRef {
  apiVersion: string
  kind: string
  namespace?: string
  name: string
}

export interface Source {
  readonly info: SourceInfo
  /** Begins filling the store; resolves once every kind (or file) has synced or reported its state. */
  start(): Promise<void>
  /** True once start() has resolved and the source has not been stopped. */
  ready(): boolean
  stop(): Promise<void>
  /**
   * A writer acting for one caller. In bearer mode `credentials.bearerToken` is that person's own
   * Kubernetes token and the source must use it instead of its own identity.
   */
  writer(credentials: Credentials): Writer
  /**
   * Bearer mode only: which kinds, in which namespaces, this caller may list (`group/kind` →
   * 'all' or a set of namespaces). The stream shows each person only what RBAC lets them read.
   */
  visibility?(credentials: Credentials): Promise<Visibility>
  /**
   * Bearer mode only: who the API server says the token's holder is (SelfSubjectReview). Rejects
   * with `UnauthenticatedError` when the API server does not accept the token.
   */
  identify?(credentials: Credentials): Promise<Identity>
  /** Counters for /metrics. */
  stats?(): SourceStats
}

/** A source's counters for /metrics; every one only grows. */
export interface SourceStats {
  /** Watches re-established after an error, a lost connection or a 410 (not planned timeouts). */
  watchRestarts: number
  /** Full states read (list or WatchList) after the first one of each kind. */
  relists: number
  /** `group/kind` → ADDED, MODIFIED and DELETED watch events received. */
  watchEvents: ReadonlyMap<string, number>
  /** `group/kind` → bookmarks received. */
  watchBookmarks: ReadonlyMap<string, number>
}

export type Visibility = Map<string, 'all' | Set<string>>

/** A person as the API server knows them; `username` is absent when it would not say. */
export interface Identity {
  username?: string
  groups?: string[]
}

/** The API server did not accept a person's token (401). */
export class UnauthenticatedError extends Error {}

export interface Credentials {
  bearerToken?: string
}

export interface WriteOptions {
  dryRun: boolean
  /** Server-side apply only: take over fields another field manager owns instead of a 409. */
  force?: boolean
}

export interface WriteResult {
  /** The object as stored (or as it would be, on a dry run). */
  object: WireObject
  /** Where a folder-mode write went. */
  file?: string
  created: boolean
  /** A cluster apply: which fields it sent and owns, and how removed fields were removed. */
  ownership?: Ownership
}

/**
 * Every write. `apply` is a server-side apply with field manager `gatemap` that sends only the fields
 * the edit changed and those Gatemap already managed (cluster/owned-apply.ts), with
 * `resourceVersion` set on the object as a precondition that it is still current. Dry run and real
 * write send the same request, differing only in dryRun.
 */
export interface Writer {
  get(ref: ObjectRef): Promise<WireObject | undefined>
  apply(object: WireObject, options: WriteOptions): Promise<WriteResult>
  create(object: WireObject, options: WriteOptions): Promise<WriteResult>
  /** With `resourceVersion`, deletes only if the object is still at that version. */
  delete(ref: ObjectRef & { resourceVersion?: string }, options: WriteOptions): Promise<void>
  /**
   * Sources that keep objects in files: the object's own text in its file as it is on disk now,
   * comments included, and the object that text reads as. Undefined when there is no such object.
   */
  sourceText?(ref: ObjectRef): Promise<SourceText | undefined>
}

export interface SourceText {
  file: string
  line: number
  text: string
  object: WireObject
}

export interface WriteCause {
  /** A field path as the API server names it (`spec.rules[0].matches`) or as Gatemap does. */
  field?: string
  message: string
  reason?: string
}

/** A refused write, carrying the HTTP status and the API server's own reason and message. */
export class WriteError extends Error {
  readonly status: number
  readonly reason: string
  readonly causes: WriteCause[]
  /** For a 409 conflict: the object as it is now, so both versions can be shown. */
  readonly current?: WireObject

  constructor(
    status: number,
    reason: string,
    message: string,
    extra: { causes?: WriteCause[]; current?: WireObject } = {},
  ) {
    super(message)
    this.name = 'WriteError'
    this.status = status
    this.reason = reason
    this.causes = extra.causes ?? []
    if (extra.current) this.current = extra.current
  }
}
