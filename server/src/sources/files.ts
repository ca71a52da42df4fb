// Reads manifest files and folders from disk for the loader in shared/. Folders are walked
// recursively; only .yaml, .yml and .json files are read, in a stable order.
import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, join, relative } from 'node:path'
import {
  DEFAULT_MAX_BYTES,
  type LoadedObject,
  type LoadOptions,
  type LoadProblem,
  type PolicyKind,
  parseManifests,
} from '@gatemap/shared'

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])

/** Whether a file name is read as a manifest (hidden names are skipped like hidden folders). */
export function isManifestName(name: string): boolean {
  return !name.startsWith('.') && MANIFEST_EXTENSIONS.has(extname(name).toLowerCase())
}

export interface ReadResult {
  objects: LoadedObject[]
  problems: LoadProblem[]
  /** Paths that could not be read at all (missing, permission denied). */
  unreadable: string[]
  /** Policy kinds the files' CRDs define (read them again with `kinds` to admit their objects). */
  policyKinds: PolicyKind[]
}

export interface ReadOptions {
  defaultNamespace?: string
  maxBytes?: number
  /** File names in results are shown relative to this folder. */
  displayBase?: string
  /** Kinds beyond Gatemap's own (labelled policy CRDs). */
  kinds?: LoadOptions['kinds']
}

export async function readManifestPaths(
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<ReadResult> {
  const result: ReadResult = { objects: [], problems: [], unreadable: [], policyKinds: [] }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const display = (p: string) => (options.displayBase ? relative(options.displayBase, p) || p : p)
  for (const path of paths) {
    let files: string[]
    try {
      files = await expand(path)
    } catch (error) {
      result.unreadable.push(path)
      result.problems.push({
        file: display(path),
        line: 1,
        column: 1,
        severity: 'error',
        message: describeFsError(error),
      })
      continue
    }
    for (const file of files) {
      try {
        const size = (await stat(file)).size
        if (size > maxBytes) {
          result.problems.push({
            file: display(file),
            line: 1,
            column: 1,
            severity: 'error',
            message: `file is ${size} bytes, over the ${maxBytes}-byte limit; nothing in it was read`,
          })
          continue
        }
        const text = await readFile(file, 'utf8')
        const loaded = parseManifests(text, display(file), { ...options, maxBytes })
        result.objects.push(...loaded.objects)
        result.problems.push(...loaded.problems)
        result.policyKinds.push(...(loaded.policyKinds ?? []))
      } catch (error) {
        result.unreadable.push(file)
        result.problems.push({
          file: display(file),
          line: 1,
          column: 1,
          severity: 'error',
          message: describeFsError(error),
        })
      }
    }
  }
  return result
}

async function expand(path: string): Promise<string[]> {
  const info = await stat(path)
  if (!info.isDirectory()) return [path]
  const out: string[] = []
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const full = join(path, entry.name)
    if (entry.isDirectory()) out.push(...(await expand(full)))
    else if (entry.isFile() && isManifestName(entry.name)) out.push(full)
  }
  return out
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES') return 'permission denied'
  return `cannot read: ${(error as Error).message}`
}
