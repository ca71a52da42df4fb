// Request and response bodies of the REST API, shared by the server (which validates what arrives)
// and the web app (which validates what comes back).
import { z } from 'zod'
import type { AttachmentChange } from '../analysis/preview.ts'
import { WireObjectSchema } from './protocol.ts'

/** A proposed object, as YAML text (positions are reported against it) or as an object. */
export const ProposalSchema = z
  .object({
    yaml: z.string().optional(),
    object: WireObjectSchema.optional(),
    /** A name for the text in messages, e.g. the file being edited. */
    file: z.string().max(512).optional(),
  })
  .refine((b) => (b.yaml === undefined) !== (b.object === undefined), {
    message: 'send exactly one of `yaml` and `object`',
  })
export type Proposal = z.infer<typeof ProposalSchema>

export const ApplyRequestSchema = z
  .object({
    yaml: z.string().optional(),
    object: WireObjectSchema.optional(),
    file: z.string().max(512).optional(),
    /** Dry run and real write send the same request; only this differs. */
    dryRun: z.boolean().default(false),
    /** Server-side apply: take over fields owned by another manager instead of a 409. */
    force: z.boolean().default(false),
  })
  .refine((b) => (b.yaml === undefined) !== (b.object === undefined), {
    message: 'send exactly one of `yaml` and `object`',
  })
export type ApplyRequest = z.infer<typeof ApplyRequestSchema>

export const ObjectQuerySchema = z.object({
  kind: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().optional(),
  apiVersion: z.string().optional(),
  format: z.enum(['yaml', 'json']).default('json'),
})

export const DeleteQuerySchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().optional(),
  resourceVersion: z.string().optional(),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
})

export const FINDING_SOURCES = ['yaml', 'request', 'schema', 'cel', 'analysis', 'apiserver'] as const

/** One problem with a proposal, placed on a field and a line. */
export const ProposalFindingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  source: z.enum(FINDING_SOURCES),
  message: z.string(),
  /** Dotted field path, e.g. `spec.rules[0].backendRefs[1].name`. */
  path: z.string().optional(),
  /** 1-based; 0 when the proposal was an object, not text. */
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  code: z.string().optional(),
  fix: z.string().optional(),
})
export type ProposalFinding = z.infer<typeof ProposalFindingSchema>

export const ObjectIdSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
})

const OUTCOME = z.enum(['attached', 'rejected', 'pending'])

/** One parentRef's fate in the attachment preview (the shape of analysis/preview.ts). */
export const AttachmentChangeSchema: z.ZodType<AttachmentChange> = z.object({
  index: z.number().int(),
  parent: z.string(),
  before: OUTCOME.optional(),
  after: OUTCOME.optional(),
  text: z.string(),
  reason: z.string().optional(),
  fix: z.string().optional(),
})

export const ValidatedObjectSchema = z.object({
  ref: ObjectIdSchema,
  findings: z.array(ProposalFindingSchema),
  /** The status the analysis computes for this object after the change, and before it. */
  preview: z
    .object({
      status: z.unknown(),
      currentStatus: z.unknown(),
      attachment: z.array(AttachmentChangeSchema).optional(),
    })
    .optional(),
  /** Cluster mode: the API server's answer to a server-side dry run of the same object. */
  dryRun: z.object({ accepted: z.boolean(), message: z.string().optional() }).optional(),
})

export const ValidateResponseSchema = z.object({
  valid: z.boolean(),
  /** Findings about the text itself (YAML errors, documents that are not objects). */
  findings: z.array(ProposalFindingSchema),
  objects: z.array(ValidatedObjectSchema),
})
export type ValidateResponse = z.infer<typeof ValidateResponseSchema>

/**
 * A cluster apply's field ownership: the applied configuration it sent (only the fields Gatemap
 * already owned plus the ones this edit changed) and how each field the person deleted was removed:
 * by leaving it out of the apply, or by a JSON patch afterwards because other managers set it too.
 */
export const OwnershipSchema = z.object({
  applied: WireObjectSchema,
  changed: z.array(z.string()),
  kept: z.array(z.string()),
  removedByApply: z.array(z.string()),
  removedByPatch: z.array(z.object({ path: z.string(), owners: z.array(z.string()) })),
})
export type Ownership = z.infer<typeof OwnershipSchema>

export const WriteResponseSchema = z.object({
  object: WireObjectSchema,
  created: z.boolean(),
  dryRun: z.boolean(),
  file: z.string().optional(),
  ownership: OwnershipSchema.optional(),
})

/** Every error body: the API server's reason and message, passed through. */
export const ErrorResponseSchema = z.object({
  status: z.number().int(),
  reason: z.string(),
  message: z.string(),
  causes: z
    .array(
      z.object({
        field: z.string().optional(),
        message: z.string(),
        line: z.number().int().optional(),
        column: z.number().int().optional(),
      }),
    )
    .optional(),
  /** On a 409: the object as it is now, so the person can compare both versions. */
  current: WireObjectSchema.optional(),
})
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>

/**
 * Folder mode: an object's own text in its file, comments included (`GET /api/source`), read from
 * the disk at the moment of asking. `object` is what that text reads as, with the resourceVersion a
 * draft started from it is based on.
 */
export const SourceTextResponseSchema = z.object({
  file: z.string(),
  /** 1-based line of the object's first key in `file`. */
  line: z.number().int().positive(),
  text: z.string(),
  object: WireObjectSchema,
})
export type SourceTextResponse = z.infer<typeof SourceTextResponseSchema>

export const SessionResponseSchema = z.object({
  csrfToken: z.string().optional(),
  authMode: z.enum(['local', 'token', 'bearer']),
  readOnly: z.boolean(),
  source: z.object({ mode: z.enum(['cluster', 'folder']), name: z.string(), readOnly: z.boolean() }),
  /** Bearer mode: the person's username, as the API server reports it (SelfSubjectReview). */
  user: z.string().optional(),
})

/** `GET /api/events`: the Kubernetes Events about one object (cluster mode). */
export const EventsQuerySchema = z.object({
  kind: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().optional(),
  /** Tells apart kinds of the same name in other groups when the object is not held. */
  apiVersion: z.string().optional(),
})

/** One Event, whichever API it was read through (events.k8s.io/v1 and core v1 serve the same ones). */
export const EventRowSchema = z.object({
  uid: z.string(),
  /** `Normal` or `Warning` as the reporter wrote it ('' when it wrote none). */
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  /** How often it happened: the series count (events.k8s.io), else the old `count`, else 1. */
  count: z.number().int().nonnegative(),
  /** reportingController (events.k8s.io), else the old source component. */
  source: z.string(),
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
})
export type EventRow = z.infer<typeof EventRowSchema>

export const EventsResponseSchema = z.object({
  /** `forbidden`: the reader may not list Events there, which is not the same as there being none. */
  state: z.enum(['ok', 'pending', 'forbidden', 'failing']),
  /** Why the list is not there, in words ("you may not list Events in namespace team-a"). */
  message: z.string().optional(),
  /** The API server's own words, when it refused. */
  detail: z.string().optional(),
  /** Newest first, at most 50 of them. */
  events: z.array(EventRowSchema),
  /** Every Event held about the object (more than `events` holds when it was cut). */
  total: z.number().int().nonnegative(),
  /** The server's clock, so ages are not skewed by the browser's. */
  now: z.string(),
})
export type EventsResponse = z.infer<typeof EventsResponseSchema>
