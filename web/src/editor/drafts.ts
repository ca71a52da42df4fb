// Editors' drafts in the browser's storage, so an edit survives a reload until it is applied or
// discarded. Storage is injected (localStorage in the page, a fake in tests), and nothing here
// throws: a lost draft is reported, a failed save is returned, and the page goes on.
import { z } from 'zod'

const PREFIX = 'gatemap.draft.'

export const DraftRefSchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  namespace: z.string().min(1).optional(),
  name: z.string().min(1),
})
export type DraftRef = z.infer<typeof DraftRefSchema>

export const DraftSchema = z
  .object({
    v: z.literal(1),
    key: z.string(),
    ref: DraftRefSchema,
    isNew: z.boolean(),
    /** The object the draft started from; null for a new object. */
    base: z.record(z.string(), z.unknown()).nullable(),
    /** base's resourceVersion, which apply checks so nobody's change is overwritten unseen. */
    baseResourceVersion: z.string().optional(),
    /**
     * base as its file writes it, comments included (folder mode), so the changes shown are the
     * person's and not the comments a re-serialised base would lack.
     */
    baseText: z.string().optional(),
    /** The YAML text: what the person wrote, comments included. */
    text: z.string(),
    /** The view last used, so a reload reopens it. */
    view: z.enum(['form', 'yaml']),
    /** When it was saved, ms since the epoch. */
    savedAt: z.number().nonnegative(),
  })
  // A draft stored under another object's key would be reopened on the wrong object.
  .refine((d) => d.key === draftKey(d.ref), { message: 'key does not match ref', path: ['key'] })
export type Draft = z.infer<typeof DraftSchema>

/** The part of the Web Storage API drafts use; `localStorage` is one. */
export interface DraftStorage {
  readonly length: number
  key(index: number): string | null
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export type SaveResult = { ok: true } | { ok: false; reason: string }

export interface DraftStoreOptions {
  /** Told about every stored draft that could not be read and was removed. Default: console.warn. */
  onDropped?: (key: string, reason: string) => void
}

// Every character that could be read as part of the key's structure is percent-encoded, so a name
// with dots cannot collide with another namespace/name split and '_' (no namespace) stays unique.
function escapePart(part: string): string {
  return encodeURIComponent(part).replace(
    /[._!~*'()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** The storage key of the draft for an object: `gatemap.draft.<kind>.<namespace or _>.<name>`. */
export function draftKey(ref: DraftRef): string {
  const namespace = ref.namespace ? escapePart(ref.namespace) : '_'
  return `${PREFIX}${escapePart(ref.kind)}.${namespace}.${escapePart(ref.name)}`
}

function messageOf(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : String(error)
}

function isQuotaError(error: unknown): boolean {
  // Not `instanceof Error`: some browsers' DOMException does not inherit from it.
  if (typeof error !== 'object' || error === null) return false
  const { name, code } = error as { name?: unknown; code?: unknown }
  // Firefox names it differently; old browsers only set the legacy code.
  return (
    name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014
  )
}

export class DraftStore {
  readonly #storage: DraftStorage
  readonly #onDropped: (key: string, reason: string) => void

  constructor(storage: DraftStorage, options: DraftStoreOptions = {}) {
    this.#storage = storage
    this.#onDropped =
      options.onDropped ?? ((key, reason) => console.warn(`Gatemap dropped the draft ${key}: ${reason}`))
  }

  /** Stores the draft under its key. A full storage gives `ok: false` with a reason to show. */
  save(draft: Draft): SaveResult {
    const checked = DraftSchema.safeParse(draft)
    if (!checked.success) return { ok: false, reason: `The draft is malformed: ${issue(checked.error)}` }
    try {
      this.#storage.setItem(draft.key, JSON.stringify(checked.data))
      return { ok: true }
    } catch (error) {
      if (isQuotaError(error)) {
        return {
          ok: false,
          reason:
            'The browser’s storage is full, so this draft will not survive a reload. Apply or discard other drafts to make room.',
        }
      }
      return { ok: false, reason: `The draft could not be saved: ${messageOf(error)}` }
    }
  }

  /**
   * The draft stored under `key`, or undefined. One that cannot be read (not JSON, or not a draft of
   * this format) is removed and reported through `onDropped`, since it can never be opened.
   */
  load(key: string): Draft | undefined {
    let text: string | null
    try {
      text = this.#storage.getItem(key)
    } catch (error) {
      this.#onDropped(key, `storage could not be read: ${messageOf(error)}`)
      return undefined
    }
    if (text === null) return undefined
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      return this.#drop(key, `not JSON (${messageOf(error)})`)
    }
    const parsed = DraftSchema.safeParse(value)
    if (!parsed.success) return this.#drop(key, `not a draft of format 1 (${issue(parsed.error)})`)
    if (parsed.data.key !== key) return this.#drop(key, `stored under ${key} but made for ${parsed.data.key}`)
    return parsed.data
  }

  /** Every readable draft, most recently saved first. */
  list(): Draft[] {
    const keys: string[] = []
    try {
      for (let i = 0; i < this.#storage.length; i++) {
        const key = this.#storage.key(i)
        if (key?.startsWith(PREFIX)) keys.push(key)
      }
    } catch (error) {
      this.#onDropped(PREFIX, `storage could not be listed: ${messageOf(error)}`)
    }
    // Keys are collected first because load() may remove entries, which renumbers the storage.
    const drafts = keys.map((key) => this.load(key)).filter((d): d is Draft => d !== undefined)
    return drafts.sort((a, b) => b.savedAt - a.savedAt)
  }

  /** Forgets the draft (after apply, or when the person discards it). */
  discard(key: string): void {
    try {
      this.#storage.removeItem(key)
    } catch {
      // Nothing to tell the person: at worst the draft reappears after a reload.
    }
  }

  #drop(key: string, reason: string): undefined {
    this.discard(key)
    this.#onDropped(key, reason)
    return undefined
  }
}

function issue(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return 'invalid'
  return first.path.length > 0 ? `${first.path.join('.')}: ${first.message}` : first.message
}
