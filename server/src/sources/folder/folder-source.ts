// `gatemap serve --manifests DIR`: a folder of manifests as a source. Every manifest file is read
// once at start; afterwards a watcher re-reads only the file that changed, so edits made in an
// editor, by git or by Gatemap itself reach the store at the cost of that one file. Links to folders
// outside the folder, and links that loop, are not followed (containment.ts); each is named once as
// a file state.
import { stat } from 'node:fs/promises'
import { relative, resolve, sep } from 'node:path'
import { inputProblems, invalidObject, parseManifests, type SourceInfo } from '@gatemap/shared'
import { type FSWatcher, watch } from 'chokidar'
import type { CrdRegistry } from '../../crds/registry.ts'
import type { ResourceStore } from '../../store/resource-store.ts'
import type { Credentials, Source, Writer } from '../source.ts'
import { FolderBounds } from './containment.ts'
import { FolderIndex } from './file-index.ts'
import { FolderWriter } from './folder-writer.ts'
import {
  compareManifestPaths,
  type FileRead,
  isHiddenPath,
  isManifestPath,
  readManifestFile,
} from './manifest-files.ts'

export interface FolderSourceOptions {
  dir: string
  store: ResourceStore
  readOnly?: boolean
  /**
   * The CRDs to hold each Gateway API object against, as the API server would; consulted at each
   * read, so CRDs loaded after construction count. Names are checked without them.
   */
  crds?: CrdRegistry
  /**
   * How long a file must be quiet before it is re-read (editors often write in several steps); never
   * less than chokidar's own change window.
   */
  debounceMs?: number
}

/**
 * After reporting a change to a file, chokidar drops further changes to it for this long and never
 * reports them afterwards; re-reading only once the window has passed sees whatever they wrote.
 */
const CHOKIDAR_CHANGE_WINDOW_MS = 50
/** A file still being written after this many quiet windows is read as it is. */
const MAX_QUIET_WAITS = 5

export class FolderSource implements Source {
  readonly info: SourceInfo
  private readonly dir: string
  private readonly readOnly: boolean
  private readonly debounceMs: number
  private readonly index: FolderIndex
  private readonly store: ResourceStore
  private bounds: FolderBounds | undefined
  /** Links already reported as not followed. */
  private readonly refusedLinks = new Set<string>()
  private watcher: FSWatcher | undefined
  private started = false
  private queue: Promise<unknown> = Promise.resolve()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** How many times in a row a file's re-read waited for it to be quiet (see readWhenQuiet). */
  private readonly waits = new Map<string, number>()

  constructor(options: FolderSourceOptions) {
    this.dir = resolve(options.dir)
    this.readOnly = options.readOnly ?? false
    this.debounceMs = Math.max(options.debounceMs ?? 0, CHOKIDAR_CHANGE_WINDOW_MS + 10)
    const { crds } = options
    this.index = new FolderIndex(options.store, (objects) =>
      inputProblems(objects, crds && ((group, kind) => crds.forKind(group, kind))).map(invalidObject),
    )
    this.store = options.store
    this.info = { mode: 'folder', name: options.dir, readOnly: this.readOnly }
  }

  async start(): Promise<void> {
    if (!(await stat(this.dir)).isDirectory()) throw new Error(`${this.dir} is not a folder`)
    const bounds = new FolderBounds(this.dir)
    this.bounds = bounds
    // A write killed half way leaves its hidden temporary file; nothing else will ever remove it.
    if (!this.readOnly) await bounds.removeLeftovers()
    // The watcher's own first scan lists the files, so nothing changed during the load is missed.
    let initial: string[] | undefined = []
    const watcher = watch(this.dir, {
      ignoreInitial: false,
      ignored: (path, stats) => {
        const rel = relative(this.dir, path)
        if (rel === '' || isHiddenPath(rel)) return rel !== ''
        if (stats?.isFile() === true) return !isManifestPath(rel)
        return this.refuseLink(bounds, path, rel)
      },
    })
    this.watcher = watcher
    const onFile = (path: string) => {
      const rel = relative(this.dir, path)
      if (!isManifestPath(rel)) return
      if (initial) initial.push(rel)
      else this.schedule(rel)
    }
    watcher.on('add', onFile).on('change', onFile).on('unlink', onFile)
    watcher.on('unlinkDir', (path) => {
      const prefix = `${relative(this.dir, path)}${sep}`
      for (const file of this.index.knownFiles()) if (file.startsWith(prefix)) this.schedule(file)
    })
    // A watch error (a folder that became unreadable) leaves the last known state in place.
    watcher.on('error', () => undefined)
    await new Promise<void>((done) => watcher.once('ready', done))
    const files = [...new Set(initial)].sort(compareManifestPaths)
    initial = undefined
    await this.serialize(async () => {
      for (const file of files) await this.refresh(file)
    })
    this.started = true
  }

  ready(): boolean {
    return this.started
  }

  async stop(): Promise<void> {
    this.started = false
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    await this.watcher?.close()
    this.watcher = undefined
    await this.queue
  }

  writer(_credentials: Credentials): Writer {
    // Files have no per-person identity: every caller writes as the server's own user.
    return new FolderWriter({
      dir: this.dir,
      bounds: this.bounds ?? new FolderBounds(this.dir),
      readOnly: this.readOnly,
      index: this.index,
      serialize: (task) => this.serialize(task),
      ingestText: (file, text) => this.index.ingest(file, parseManifests(text, file)),
      forgetFile: (file) => this.index.drop(file),
    })
  }

  /** True for a folder link that is not followed; says so once, as the link's file state. */
  private refuseLink(bounds: FolderBounds, path: string, rel: string): boolean {
    const why = bounds.refusedLink(path)
    if (why === undefined) return false
    if (!this.refusedLinks.has(rel)) {
      this.refusedLinks.add(rel)
      this.store.setFileState({
        file: rel,
        state: 'error',
        objects: 0,
        error: { message: why, line: 1, column: 1 },
      })
    }
    return true
  }

  private schedule(file: string): void {
    clearTimeout(this.timers.get(file))
    const timer = setTimeout(() => {
      this.timers.delete(file)
      void this.serialize(() => this.readWhenQuiet(file))
    }, this.debounceMs)
    this.timers.set(file, timer)
  }

  /**
   * A file written less than the quiet window ago is read again once the window has passed, not now,
   * and so is one written while it was being read, or found empty where it held objects: a writer
   * that truncates, then writes (Node's writeFile, many editors) may pause between the two, and
   * chokidar reports no second change within 50 ms of one. Read mid-write, the file's objects would
   * vanish from the index until the next event, and an apply meanwhile would create a second copy of
   * an object instead of answering 409. A file still changing, or still empty, after a few windows
   * is taken as it is.
   */
  private async readWhenQuiet(file: string): Promise<void> {
    const waited = this.waits.get(file) ?? 0
    const wait = () => {
      this.waits.set(file, waited + 1)
      this.schedule(file)
    }
    const before = await this.modified(file)
    const age = before === undefined ? undefined : Date.now() - before
    // A clock ahead of the file system's, or a file written without pause, is read after a few waits.
    if (age !== undefined && age >= 0 && age < this.debounceMs && waited < MAX_QUIET_WAITS) return wait()
    const read = await this.read(file)
    const changed = (await this.modified(file)) !== before
    // A file that does not parse keeps its last good objects anyway (file-index.ts): only an empty
    // read would take them away.
    const emptied =
      !read.gone &&
      read.objects.length === 0 &&
      read.problems.length === 0 &&
      this.index.objectCount(file) > 0
    if ((changed || emptied) && waited < MAX_QUIET_WAITS) return wait()
    this.waits.delete(file)
    this.take(file, read)
  }

  private modified(file: string): Promise<number | undefined> {
    return stat(resolve(this.dir, file)).then(
      (s) => s.mtimeMs,
      () => undefined,
    )
  }

  private async refresh(file: string): Promise<void> {
    this.take(file, await this.read(file))
  }

  /** The file as it is now; a file outside the folder's bounds (a link gone elsewhere) reads as gone. */
  private async read(file: string): Promise<FileRead> {
    if (this.bounds && !(await this.bounds.readable(file))) return { gone: true }
    return readManifestFile(this.dir, file)
  }

  private take(file: string, read: FileRead): void {
    if (read.gone) this.index.drop(file)
    else this.index.ingest(file, read)
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.catch(() => undefined)
    return run
  }
}
