// What the folder source holds per file, and which file's copy of an object the store shows. A
// file is re-judged alone when it changes: the cost is that file's objects, plus the other files
// that hold a copy of one of them (duplicates are rare).
import {
  type FileState,
  type InvalidObject,
  type LoadedObject,
  type LoadProblem,
  mergeLoaded,
  type Origin,
  objectKey,
  type WireObject,
} from '@gatemap/shared'
import type { ResourceStore } from '../../store/resource-store.ts'
import { withSyntheticVersion } from './resource-version.ts'

export interface HeldObject {
  /** With its synthetic resourceVersion. */
  object: WireObject
  origin: Origin
  column: number
}

type FileError = NonNullable<FileState['error']>

interface FileRecord {
  objects: Map<string, HeldObject>
  error?: FileError
  /** Objects the API server would refuse; served all the same (see InvalidObjectSchema). */
  invalid?: InvalidObject[]
}

/** The API server's admission checks over a file's objects (names, CRD schema and CEL rules). */
export type AdmissionCheck = (objects: readonly LoadedObject[]) => InvalidObject[]

export interface FileLoad {
  objects: readonly LoadedObject[]
  problems: readonly LoadProblem[]
}

export function heldOf(loaded: LoadedObject): HeldObject {
  const { file, line, column } = loaded.source
  return { object: withSyntheticVersion(loaded.object), origin: { file, line }, column }
}

export function keyOfWire(object: WireObject): string {
  return objectKey(object.kind, object.metadata.namespace, object.metadata.name)
}

export class FolderIndex {
  private readonly files = new Map<string, FileRecord>()
  /** Object key → files holding a copy, in the order they claimed it; the first one is shown. */
  private readonly holders = new Map<string, string[]>()

  private readonly store: ResourceStore
  private readonly admission: AdmissionCheck | undefined

  constructor(store: ResourceStore, admission?: AdmissionCheck) {
    this.store = store
    this.admission = admission
  }

  /** The copy the store shows, and the file it lives in. */
  owner(key: string): HeldObject | undefined {
    const file = this.holders.get(key)?.[0]
    return file === undefined ? undefined : this.files.get(file)?.objects.get(key)
  }

  /** How many objects the file held when last read. */
  objectCount(file: string): number {
    return this.files.get(file)?.objects.size ?? 0
  }

  hasFile(file: string): boolean {
    return this.files.has(file)
  }

  fileError(file: string): FileError | undefined {
    return this.files.get(file)?.error
  }

  knownFiles(): string[] {
    return [...this.files.keys()]
  }

  /**
   * Takes in a file's fresh parse. A file with an error keeps its last good objects (a file seen for
   * the first time keeps what could be read of it) and reports the first error.
   */
  ingest(file: string, load: FileLoad): void {
    const merged = mergeLoaded(load.objects)
    const problems = [...load.problems, ...merged.problems]
    const first = problems.find((p) => p.severity === 'error')
    const error = first && { message: first.message, line: first.line, column: first.column }
    const record = this.files.get(file)
    const affected = new Set<string>([file])
    if (error && record) {
      record.error = error
    } else {
      const objects = new Map<string, HeldObject>()
      for (const loaded of merged.objects) {
        const held = heldOf(loaded)
        objects.set(keyOfWire(held.object), held)
      }
      const invalid = this.admission?.(merged.objects) ?? []
      this.files.set(file, {
        objects,
        ...(error ? { error } : {}),
        ...(invalid.length > 0 ? { invalid } : {}),
      })
      this.replaceObjects(file, record?.objects ?? new Map(), objects, affected)
    }
    for (const name of affected) this.publishState(name)
  }

  /** The file is gone: its objects leave the store, or fall back to another file's copy. */
  drop(file: string): void {
    const record = this.files.get(file)
    if (!record) return
    const affected = new Set<string>()
    for (const [key, held] of record.objects) this.release(key, held, file, affected)
    this.files.delete(file)
    affected.delete(file)
    this.store.removeFileState(file)
    for (const name of affected) this.publishState(name)
  }

  /** `file`'s record already holds `after`. */
  private replaceObjects(
    file: string,
    before: Map<string, HeldObject>,
    after: Map<string, HeldObject>,
    affected: Set<string>,
  ): void {
    for (const [key, held] of before) if (!after.has(key)) this.release(key, held, file, affected)
    for (const [key, held] of after) {
      let files = this.holders.get(key)
      if (!files) {
        files = []
        this.holders.set(key, files)
      }
      if (!files.includes(file)) files.push(file)
      if (files[0] !== file) continue
      this.store.upsert(held.object, held.origin)
      // Other copies are now compared with a different first definition.
      if (before.get(key)?.object.metadata.resourceVersion !== held.object.metadata.resourceVersion) {
        for (const other of files) affected.add(other)
      }
    }
  }

  private release(key: string, previous: HeldObject, file: string, affected: Set<string>): void {
    const files = this.holders.get(key)
    if (!files) return
    const index = files.indexOf(file)
    if (index < 0) return
    files.splice(index, 1)
    if (index > 0) return
    const next = files[0]
    const held = next === undefined ? undefined : this.files.get(next)?.objects.get(key)
    if (held) {
      this.store.upsert(held.object, held.origin)
      for (const other of files) affected.add(other)
    } else {
      this.holders.delete(key)
      const { kind, metadata } = previous.object
      this.store.remove(kind, metadata.namespace, metadata.name)
    }
  }

  private publishState(file: string): void {
    const record = this.files.get(file)
    if (!record) return
    const error = record.error ?? this.duplicateError(file, record)
    const state: FileState = { file, state: error ? 'error' : 'ok', objects: record.objects.size }
    if (error) state.error = error
    if (record.invalid) state.invalid = record.invalid
    this.store.setFileState(state)
  }

  /** Worded as shared/loader/merge.ts words it, so CLI and dashboard say the same. */
  private duplicateError(file: string, record: FileRecord): FileError | undefined {
    for (const [key, held] of record.objects) {
      const owner = this.owner(key)
      if (!owner || owner.origin.file === file) continue
      if (owner.object.metadata.resourceVersion === held.object.metadata.resourceVersion) continue
      const { kind, metadata } = held.object
      const name = `${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name}`
      return {
        message: `${kind} ${name} is also defined at ${owner.origin.file}:${owner.origin.line} with different content; the first definition is used`,
        line: held.origin.line,
        column: held.column,
      }
    }
    return undefined
  }
}
