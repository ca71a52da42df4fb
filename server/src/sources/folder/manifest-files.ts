// Which paths under the folder are manifests, in what order they count, and reading one of them
// through the same reader the CLI uses (size limit, fs errors, the shared loader).
import { stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { isManifestName, readManifestPaths } from '../files.ts'
import type { FileLoad } from './file-index.ts'

/** `relative` is a path inside the folder; our own temporary files are hidden ones. */
export function isHiddenPath(relative: string): boolean {
  return relative.split(sep).some((segment) => segment.startsWith('.'))
}

export function isManifestPath(relative: string): boolean {
  // The same rule readManifestPaths applies when it walks a folder: no hidden folder on the way.
  return !isHiddenPath(relative) && isManifestName(relative.split(sep).at(-1) ?? '')
}

/** The order readManifestPaths walks a folder in (by name, folder by folder), so "first" means the same. */
export function compareManifestPaths(a: string, b: string): number {
  const as = a.split(sep)
  const bs = b.split(sep)
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const order = (as[i] ?? '').localeCompare(bs[i] ?? '')
    if (order !== 0) return order
  }
  return as.length - bs.length
}

export type FileRead = { gone: true } | ({ gone: false } & FileLoad)

export async function readManifestFile(dir: string, relative: string): Promise<FileRead> {
  const result = await readManifestPaths([join(dir, relative)], { displayBase: dir })
  if (result.unreadable.length > 0 && !(await exists(join(dir, relative)))) return { gone: true }
  return { gone: false, objects: result.objects, problems: result.problems }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
}
