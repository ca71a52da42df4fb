// The WebSocket protocol between the server and a browser tab, defined once and validated at both
// ends (the server parses what a tab sends, the tab parses what the server sends).
//
// The server streams resources, not derived views: after `hello` it sends a `snapshot`, then ordered
// events, each with a sequence number. A tab that reconnects sends the epoch and the last sequence
// number it applied; the server either replays the events after it or sends a fresh snapshot.
// A tab that asks for a snapshot may also ask for its first frame (view/frame/first-frame.ts): the
// one derived view the server sends, before the snapshot, drawn by the pipeline the tab runs.
import { z } from 'zod'
import type { KubeObject } from '../types/meta.ts'
import { FirstFrameRequestSchema, frameProblem } from '../view/frame/first-frame.ts'
import type { Frame } from '../view/frame/messages.ts'
import {
  type Origin,
  originProblem,
  type StoredEntry,
  storedEntryProblem,
  wireObjectProblem,
} from './wire-object.ts'

export type { FirstFrameRequest } from '../view/frame/first-frame.ts'

export const PROTOCOL_VERSION = 1

/** A schema of a hand-written check (wire-object.ts): the value passes through as it is, uncopied. */
function checkedBy<T>(problem: (value: unknown) => string | undefined): z.ZodType<T> {
  return z.custom<T>((value) => problem(value) === undefined, {
    error: (issue) => problem(issue.input) ?? 'invalid',
  })
}

/**
 * A Kubernetes object as it travels: managedFields stripped, Secret data never present. Typed as the
 * shared KubeObject; the check covers the part every object must have and lets the rest through.
 */
export const WireObjectSchema = checkedBy<KubeObject>(wireObjectProblem)
/** The one object type (types/meta.ts); the schema above checks the part every object must have. */
export type WireObject = KubeObject

export const OriginSchema = checkedBy<Origin>(originProblem)
export type { Origin, StoredEntry }

export const KIND_STATES = ['pending', 'ok', 'not-installed', 'forbidden', 'failing'] as const
export type KindStateName = (typeof KIND_STATES)[number]

/** What the server knows about one watched kind. */
export const KindStateSchema = z.object({
  group: z.string(),
  kind: z.string(),
  /** The version watched (the cluster's preferred one); null while unknown or not installed. */
  version: z.string().nullable(),
  state: z.enum(KIND_STATES),
  /** The error behind `forbidden` or `failing`, as the API server said it. */
  message: z.string().optional(),
  /** ISO time of the next retry while `failing`. */
  retryAt: z.string().optional(),
  /** Objects of this kind currently held. */
  count: z.number().int().nonnegative(),
  /**
   * Bearer mode: the only namespaces in which this person may list the kind. Objects elsewhere are
   * hidden from them, not absent, and the analysis says "cannot check" about references there.
   */
  namespaces: z.array(z.string()).optional(),
})
export type KindState = z.infer<typeof KindStateSchema>

/**
 * An object in a served folder that the API server would refuse (its name, or its CRD's schema or
 * CEL rules). Nothing refuses it offline, so the folder source says so beside the file; the object
 * itself is still served and analysed.
 */
export const InvalidObjectSchema = z.object({
  group: z.string(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  path: z.string(),
  severity: z.enum(['error', 'warning']),
  source: z.enum(['schema', 'cel', 'metadata']),
  message: z.string(),
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
})
export type InvalidObject = z.infer<typeof InvalidObjectSchema>

/** A file of the manifests folder: ok, or failing to parse (its last good objects are kept). */
export const FileStateSchema = z.object({
  file: z.string(),
  state: z.enum(['ok', 'error']),
  objects: z.number().int().nonnegative(),
  error: z
    .object({
      message: z.string(),
      line: z.number().int().nonnegative(),
      column: z.number().int().nonnegative(),
    })
    .optional(),
  invalid: z.array(InvalidObjectSchema).optional(),
})
export type FileState = z.infer<typeof FileStateSchema>

export const SourceInfoSchema = z.object({
  mode: z.enum(['cluster', 'folder']),
  /** The kubeconfig context (or "in-cluster"), or the manifests folder. */
  name: z.string(),
  readOnly: z.boolean(),
  /** Namespaced kinds are watched only in these namespaces (`serve --namespace`); elsewhere is out of scope. */
  namespaces: z.array(z.string()).optional(),
})
export type SourceInfo = z.infer<typeof SourceInfoSchema>

export const StoredEntrySchema = checkedBy<StoredEntry>(storedEntryProblem)

const seq = z.number().int().nonnegative()

export const DeltaSchema = z.object({
  type: z.literal('delta'),
  seq,
  op: z.enum(['added', 'modified', 'deleted']),
  /** For `deleted`, the last state held. */
  object: WireObjectSchema,
  origin: OriginSchema.optional(),
})
export type Delta = z.infer<typeof DeltaSchema>

export const KindStateEventSchema = z.object({ type: z.literal('kind-state'), seq, state: KindStateSchema })
export const FileStateEventSchema = z.object({
  type: z.literal('file-state'),
  seq,
  state: FileStateSchema,
  /** The file is gone: forget it. */
  removed: z.boolean().optional(),
})

/** Everything after the snapshot: what a resuming tab is replayed. */
export const StreamEventSchema = z.discriminatedUnion('type', [
  DeltaSchema,
  KindStateEventSchema,
  FileStateEventSchema,
])
export type StreamEvent = z.infer<typeof StreamEventSchema>

export const HelloSchema = z.object({
  type: z.literal('hello'),
  protocol: z.literal(PROTOCOL_VERSION),
  /** Changes whenever the server restarts: sequence numbers of another epoch mean nothing. */
  epoch: z.string(),
  source: SourceInfoSchema,
})

export const SnapshotSchema = z.object({
  type: z.literal('snapshot'),
  seq,
  epoch: z.string(),
  /** Why a snapshot and not a replay: first connection, unknown epoch, too far behind, or a stalled queue. */
  reason: z.enum(['initial', 'epoch', 'behind', 'overflow']),
  objects: z.array(StoredEntrySchema),
  kinds: z.array(KindStateSchema),
  files: z.array(FileStateSchema),
})
export type Snapshot = z.infer<typeof SnapshotSchema>

/** Sent after a replay, so the tab knows it is current. */
export const ResumedSchema = z.object({ type: z.literal('resumed'), seq, replayed: z.number().int() })

/** The server refuses what the tab sent; the socket closes after it. */
export const ErrorMessageSchema = z.object({ type: z.literal('error'), message: z.string() })

export const PongSchema = z.object({ type: z.literal('pong'), seq })

/**
 * The frame a subscribing tab asked for, drawn from the snapshot that follows it (the same `seq`).
 * The frame's own fields are checked by hand (first-frame.ts), like the snapshot's objects.
 */
export const FirstFrameSchema = z.object({
  type: z.literal('first-frame'),
  seq,
  frame: checkedBy<Frame>(frameProblem),
})
export type FirstFrame = z.infer<typeof FirstFrameSchema>

export const ServerMessageSchema = z.discriminatedUnion('type', [
  HelloSchema,
  ErrorMessageSchema,
  PongSchema,
  FirstFrameSchema,
  SnapshotSchema,
  ResumedSchema,
  DeltaSchema,
  KindStateEventSchema,
  FileStateEventSchema,
])
export type ServerMessage = z.infer<typeof ServerMessageSchema>

export const ClientMessageSchema = z.discriminatedUnion('type', [
  /**
   * The first message of a tab: where to start. Without epoch and seq, a snapshot; with `frame`, the
   * first frame of that view before it, when the server can draw one for this tab.
   */
  z.object({
    type: z.literal('subscribe'),
    epoch: z.string().optional(),
    seq: seq.optional(),
    frame: FirstFrameRequestSchema.optional(),
  }),
  z.object({ type: z.literal('ping') }),
])
export type ClientMessage = z.infer<typeof ClientMessageSchema>

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string }

function parseWith<T>(schema: z.ZodType<T>, text: string): ParseResult<T> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` }
  }
  const result = schema.safeParse(json)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, error: z.prettifyError(result.error) }
}

export const parseClientMessage = (text: string) => parseWith(ClientMessageSchema, text)
export const parseServerMessage = (text: string) => parseWith(ServerMessageSchema, text)
