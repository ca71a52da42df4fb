// The cluster's write operations, carried out on files. An existing object is edited where it is
// (its document, or its item of a `kind: List`); a new one gets a file of its own. Every write is
// validated by reading the new text back through the shared loader before anything is written.
import { readFile } from 'node:fs/promises'
import {
  findSite,
  isEmptyManifest,
  type LoadedObject,
  newFileText,
  type ObjectSite,
  objectKey,
  parseYamlFile as parseFile,
  parseManifests,
  removeAt,
  replaceAt,
  splitApiVersion,
  textAt,
  valueAt,
  type WireObject,
} from '@gatemap/shared'
import type { ObjectRef, SourceText, WriteOptions, WriteResult, Writer } from '../source.ts'
import { WriteError } from '../source.ts'
import { ChangedOnDisk, createNewFile, freeName, removeFile, replaceFile } from './atomic-write.ts'
import type { FolderBounds } from './containment.ts'
import { type FolderIndex, type HeldObject, heldOf, keyOfWire } from './file-index.ts'
import { newFileBase } from './file-names.ts'
import { type CheckedObject, checkWritable } from './write-checks.ts'

/** What the writer needs from its FolderSource. */
export interface FolderWriterContext {
  dir: string
  /** Every path written is resolved and checked against the folder's real path first. */
  bounds: FolderBounds
  readOnly: boolean
  index: FolderIndex
  /** Runs `task` after every file event and write queued before it, so edits never interleave. */
  serialize<T>(task: () => Promise<T>): Promise<T>
  /** Takes in a file's new text at once, as the watcher would a moment later. */
  ingestText(file: string, text: string): void
  forgetFile(file: string): void
}

/** An object found afresh in its file, ready to be edited. */
interface Located {
  file: string
  parsed: ReturnType<typeof parseFile>
  site: ObjectSite
  current: HeldObject
}

const nameOf = (object: WireObject) =>
  `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`

export class FolderWriter implements Writer {
  private readonly context: FolderWriterContext

  constructor(context: FolderWriterContext) {
    this.context = context
  }

  async get(ref: ObjectRef): Promise<WireObject | undefined> {
    const held = this.context.index.owner(objectKey(ref.kind, ref.namespace, ref.name))
    if (!held) return undefined
    const group = (apiVersion: string) => splitApiVersion(apiVersion).group
    return group(held.object.apiVersion) === group(ref.apiVersion) ? structuredClone(held.object) : undefined
  }

  /**
   * Read from the disk in the write queue, so the text and its resourceVersion belong together even
   * when the store has not seen an edit made outside yet: a draft based on it applies, or is stale.
   */
  async sourceText(ref: ObjectRef): Promise<SourceText | undefined> {
    if (!(await this.get(ref))) return undefined
    const key = objectKey(ref.kind, ref.namespace, ref.name)
    return this.context.serialize(async () => {
      const held = this.context.index.owner(key)
      if (!held) return undefined
      const { file, parsed, site, current } = await this.locate(key, held)
      return { file, line: current.origin.line, text: textAt(parsed, site), object: current.object }
    })
  }

  async apply(object: WireObject, options: WriteOptions): Promise<WriteResult> {
    const checked = this.admit(object, options)
    return this.context.serialize(async () => {
      const held = this.context.index.owner(checked.key)
      return held ? this.update(checked, held, options) : this.createFile(checked, options)
    })
  }

  async create(object: WireObject, options: WriteOptions): Promise<WriteResult> {
    const checked = this.admit(object, options)
    return this.context.serialize(async () => {
      const held = this.context.index.owner(checked.key)
      if (held) {
        throw new WriteError(
          409,
          'AlreadyExists',
          `${nameOf(held.object)} already exists at ${held.origin.file}:${held.origin.line}`,
          { current: held.object },
        )
      }
      return this.createFile(checked, options)
    })
  }

  async delete(ref: ObjectRef & { resourceVersion?: string }, options: WriteOptions): Promise<void> {
    this.refuseIfReadOnly(options)
    await this.context.serialize(async () => {
      const key = objectKey(ref.kind, ref.namespace, ref.name)
      const held = this.context.index.owner(key)
      if (!held) {
        throw new WriteError(
          404,
          'NotFound',
          `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} not found`,
        )
      }
      const located = await this.locate(key, held)
      this.checkPrecondition(ref.resourceVersion, located.current)
      const text = removeAt(located.parsed, located.site)
      if (options.dryRun) return
      const { bounds } = this.context
      const entry = await bounds.entryToRemove(located.file)
      // A linked file keeps its link: what is left of it (comments, nothing) is written through.
      if (isEmptyManifest(text) && !entry.link) {
        // As in replaceLocated: a file saved outside since it was read is not removed.
        await this.unlessChangedOnDisk(key, held, () => removeFile(entry.path, located.parsed.text))
        this.context.forgetFile(located.file)
      } else {
        await this.replaceLocated(key, held, located, text)
      }
    })
  }

  private admit(object: WireObject, options: WriteOptions): CheckedObject {
    this.refuseIfReadOnly(options)
    return checkWritable(object)
  }

  /** A dry run writes nothing, so a read-only folder still answers it (the editors' Dry run). */
  private refuseIfReadOnly(options: WriteOptions): void {
    if (this.context.readOnly && !options.dryRun) {
      throw new WriteError(403, 'Forbidden', `the folder ${this.context.dir} is served read-only`)
    }
  }

  private async update(
    checked: CheckedObject,
    held: HeldObject,
    options: WriteOptions,
  ): Promise<WriteResult> {
    const located = await this.locate(checked.key, held)
    this.checkPrecondition(checked.resourceVersion, located.current)
    const value = fileForm(checked, valueAt(located.parsed, located.site))
    const text = replaceAt(located.parsed, located.site, value)
    const result = this.readBack(located.file, text, checked)
    if (!options.dryRun && text !== located.parsed.text) {
      await this.replaceLocated(checked.key, held, located, text)
    }
    return { object: result.object, file: located.file, created: false }
  }

  /**
   * Writes `text` over the file `located` was read from, only if the file still holds what was
   * read. Gatemap's own writes and the watcher's re-reads are serialized, but an editor or git is
   * not: one that wrote the file since is a 409 with the object as it is now, never overwritten.
   */
  private async replaceLocated(key: string, held: HeldObject, located: Located, text: string): Promise<void> {
    const path = await this.context.bounds.fileToWrite(located.file)
    await this.unlessChangedOnDisk(key, held, () => replaceFile(path, text, located.parsed.text))
    this.context.ingestText(located.file, text)
  }

  /** Runs a guarded file write; its ChangedOnDisk becomes the 409 below. */
  private async unlessChangedOnDisk(
    key: string,
    held: HeldObject,
    write: () => Promise<void>,
  ): Promise<void> {
    try {
      await write()
    } catch (error) {
      if (!(error instanceof ChangedOnDisk)) throw error
      throw await this.changedOnDisk(key, held)
    }
  }

  /** The 409 for a file written outside meanwhile, with the object as the file holds it now. */
  private async changedOnDisk(key: string, held: HeldObject): Promise<WriteError> {
    // locate answers 409 itself if the object is gone from the file or the file is unreadable.
    const now = await this.locate(key, held)
    const message = `${nameOf(now.current.object)} at ${now.file}:${now.current.origin.line} changed on disk while it was being written; nothing was written`
    return new WriteError(409, 'Conflict', message, {
      causes: [{ field: 'metadata.resourceVersion', message, reason: 'Conflict' }],
      current: now.current.object,
    })
  }

  private async createFile(checked: CheckedObject, options: WriteOptions): Promise<WriteResult> {
    const { kind, metadata } = checked.object
    const base = newFileBase(kind, metadata.namespace, metadata.name)
    const text = newFileText(checked.object)
    // New files go to the folder's real path itself, never through a link.
    const dir = this.context.bounds.real
    let file = await freeName(dir, base)
    const result = this.readBack(file, text, checked)
    if (!options.dryRun) {
      file = await createNewFile(dir, base, text)
      this.context.ingestText(file, text)
    }
    return { object: result.object, file, created: true }
  }

  /** Reads the object's file as it is on disk now: the store may lag behind an edit made outside. */
  private async locate(key: string, held: HeldObject): Promise<Located> {
    const file = held.origin.file
    const fileError = this.context.index.fileError(file)
    if (fileError) {
      throw new WriteError(
        409,
        'Conflict',
        `${file}:${fileError.line}:${fileError.column}: ${fileError.message}; fix the file before writing to it`,
        { causes: [{ field: file, message: fileError.message }], current: held.object },
      )
    }
    // Read where it would be written, so a file moved outside meanwhile is refused, not edited.
    const path = await this.context.bounds.fileToWrite(file).catch((error: unknown) => {
      if (error instanceof WriteError) throw error
      throw new WriteError(409, 'Conflict', `${file} cannot be read: ${(error as Error).message}`, {
        current: held.object,
      })
    })
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      throw new WriteError(409, 'Conflict', `${file} cannot be read: ${(error as Error).message}`, {
        current: held.object,
      })
    }
    const loaded = findLoaded(parseManifests(text, file).objects, key)
    const parsed = parseFile(text)
    const site = loaded && findSite(parsed, loaded.source.line, loaded.source.column)
    if (!loaded || !site) {
      throw new WriteError(
        409,
        'Conflict',
        `${nameOf(held.object)} is no longer in ${file}; it changed on disk`,
        {
          current: held.object,
        },
      )
    }
    return { file, parsed, site, current: heldOf(loaded) }
  }

  private checkPrecondition(resourceVersion: string | undefined, current: HeldObject): void {
    const now = current.object.metadata.resourceVersion
    if (resourceVersion === undefined || resourceVersion === now) return
    const where = `${current.origin.file}:${current.origin.line}`
    const message = `${nameOf(current.object)} at ${where} has changed: resourceVersion ${resourceVersion} is not the current ${now}`
    throw new WriteError(409, 'Conflict', message, {
      causes: [{ field: 'metadata.resourceVersion', message, reason: 'Conflict' }],
      current: current.object,
    })
  }

  /**
   * The object as the loader will read it from `text`. A text it cannot read is refused, and one
   * that reads back as anything but the object written is an error of the editing itself.
   */
  private readBack(file: string, text: string, checked: CheckedObject): HeldObject {
    const load = parseManifests(text, file)
    const error = load.problems.find((p) => p.severity === 'error')
    if (error) {
      const message = `${error.file}:${error.line}:${error.column}: ${error.message}`
      throw new WriteError(422, 'Invalid', message, { causes: [{ field: file, message: error.message }] })
    }
    const loaded = findLoaded(load.objects, checked.key)
    if (!loaded || canonical(loaded.object) !== canonical(checked.object)) {
      throw new WriteError(
        500,
        'InternalError',
        `${file}: the edited text would not read back as ${nameOf(checked.object)}; nothing was written`,
      )
    }
    return heldOf(loaded)
  }
}

function findLoaded(objects: readonly LoadedObject[], key: string): LoadedObject | undefined {
  return objects.find((loaded) => keyOfWire(loaded.object as WireObject) === key)
}

/**
 * The object as the file should hold it: what the loader adds on reading (a defaulted namespace)
 * stays out, and what it drops (Secret data, a resourceVersion exported from a cluster) stays in.
 */
function fileForm(checked: CheckedObject, inFile: unknown): Record<string, unknown> {
  const value: Record<string, unknown> = structuredClone(checked.object)
  const file = (typeof inFile === 'object' && inFile !== null ? inFile : {}) as Record<string, unknown>
  const fileMetadata = (file.metadata ?? {}) as Record<string, unknown>
  const metadata = value.metadata as Record<string, unknown>
  if (fileMetadata.namespace === undefined) delete metadata.namespace
  if (fileMetadata.resourceVersion !== undefined) metadata.resourceVersion = fileMetadata.resourceVersion
  if (checked.object.kind === 'Secret') {
    for (const field of ['data', 'stringData']) if (file[field] !== undefined) value[field] = file[field]
  }
  return value
}

/** Content to compare, without what the loader or the file alone have (Secret data, versions). */
function canonical(object: object): string {
  const {
    metadata,
    data: _data,
    stringData: _stringData,
    tlsCertificate: _made,
    ...rest
  } = object as Record<string, unknown>
  const { resourceVersion: _version, ...meta } = metadata as Record<string, unknown>
  return JSON.stringify({ ...rest, metadata: meta }, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )
}
