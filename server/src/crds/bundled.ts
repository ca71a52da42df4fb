// Reads the Gateway API CRDs from a folder (the Gateway API module's config/crd/<channel>, fetched
// through the Go module proxy at install time and never copied into this repository).
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { GATEWAY_GROUP, policyKindOfCrd } from '@gatemap/shared'
import { parseAllDocuments } from 'yaml'
import type { Crd } from './registry.ts'

function isCrd(value: unknown): value is Crd {
  const v = value as Partial<Crd> | null
  return (
    v?.kind === 'CustomResourceDefinition' &&
    typeof v.metadata?.name === 'string' &&
    Array.isArray(v.spec?.versions) &&
    typeof v.spec?.names?.kind === 'string'
  )
}

interface Loaded {
  crds: Crd[]
  problems: string[]
}

/**
 * The CRDs of `dir`. Parsing their 1.4 MB of YAML was the largest part of `gatemap analyze` on a
 * small folder (about 1.9 of 6 CPU-s in a profile), so with a cache root (`$GATEMAP_CACHE_DIR`, which
 * ./gatemap sets to <repo>/.cache, the root the build scripts use too) the result is kept as JSON under
 * its `gatemap/` folder, keyed by the folder and each file's name, size
 * and modification time: a changed CRD file is read again.
 */
export function loadCrdFolder(dir: string, cacheDir = process.env.GATEMAP_CACHE_DIR): Loaded {
  const cacheFile = cacheDir ? cachePath(dir, cacheDir) : undefined
  if (cacheFile) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8')) as Loaded
    } catch {
      // Absent or unreadable: parse the YAML below and write it again.
    }
  }
  const loaded = parseCrdFolder(dir)
  if (cacheFile && loaded.crds.length > 0) {
    try {
      mkdirSync(path.dirname(cacheFile), { recursive: true })
      // Written whole under another name first, so a concurrent reader never sees half a file.
      const partial = `${cacheFile}.${process.pid}.tmp`
      writeFileSync(partial, JSON.stringify(loaded))
      renameSync(partial, cacheFile)
    } catch {
      // A cache that cannot be written only costs the next run the parse.
    }
  }
  return loaded
}

/**
 * The CRDs of `dir` one kind at a time, for `gatemap analyze`: a folder of routes needs the HTTPRoute
 * CRD, not all eleven, and parsing the whole cache's 0.8 MB of JSON took ~16 ms of a one-route
 * analyze (and its garbage the collector's time). With a cache root, each CRD is kept in a file of its
 * own beside an index (`crds-<key>.kinds/`, written from `loadCrdFolder`'s result) and read when its
 * kind is first asked for; without one, this is `loadCrdFolder`.
 */
export function crdFolderLookup(
  dir: string,
  cacheDir = process.env.GATEMAP_CACHE_DIR,
): { problems: string[]; crdFor(group: string, kind: string): Crd | undefined } {
  const whole = cacheDir ? cachePath(dir, cacheDir) : undefined
  const kindsDir = whole ? whole.replace(/\.json$/, '.kinds') : undefined
  if (kindsDir) {
    try {
      const index = JSON.parse(readFileSync(path.join(kindsDir, 'index.json'), 'utf8')) as KindsIndex
      const read = new Map<string, Crd | undefined>()
      return {
        problems: index.problems,
        crdFor(group, kind) {
          const key = `${group}/${kind}`
          if (!read.has(key)) {
            const file = index.files[key]
            read.set(
              key,
              file ? (JSON.parse(readFileSync(path.join(kindsDir, file), 'utf8')) as Crd) : undefined,
            )
          }
          return read.get(key)
        },
      }
    } catch {
      // Absent or unreadable: read the folder (or the whole cache) below and write the kinds again.
    }
  }
  const loaded = loadCrdFolder(dir, cacheDir)
  if (kindsDir && loaded.crds.length > 0) writeKinds(kindsDir, loaded)
  return {
    problems: loaded.problems,
    crdFor: (group, kind) => loaded.crds.find((c) => c.spec.group === group && c.spec.names.kind === kind),
  }
}

interface KindsIndex {
  problems: string[]
  /** "group/kind" → the file of that CRD in the same folder. */
  files: Record<string, string>
}

function writeKinds(kindsDir: string, loaded: Loaded): void {
  // Written whole under another name first and renamed, so a concurrent reader never sees half a folder.
  const partial = `${kindsDir}.${process.pid}.tmp`
  try {
    mkdirSync(partial, { recursive: true })
    const index: KindsIndex = { problems: loaded.problems, files: {} }
    for (const [i, crd] of loaded.crds.entries()) {
      const key = `${crd.spec.group}/${crd.spec.names.kind}`
      // The first CRD of a kind wins, as loadCrdFolder's readers find it.
      if (index.files[key] !== undefined) continue
      index.files[key] = `${i}.json`
      writeFileSync(path.join(partial, `${i}.json`), JSON.stringify(crd))
    }
    writeFileSync(path.join(partial, 'index.json'), JSON.stringify(index))
    renameSync(partial, kindsDir)
  } catch {
    // A cache that cannot be written (or that another run wrote first) only costs the next run a parse.
    rmSync(partial, { recursive: true, force: true })
  }
}

function cachePath(dir: string, cacheDir: string): string | undefined {
  try {
    const hash = createHash('sha256').update(path.resolve(dir))
    for (const file of readdirSync(dir).sort()) {
      const info = statSync(path.join(dir, file))
      hash.update(`\0${file}\0${info.size}\0${info.mtimeMs}`)
    }
    return path.join(cacheDir, 'gatemap', `crds-${hash.digest('hex').slice(0, 32)}.json`)
  } catch {
    return undefined
  }
}

function parseCrdFolder(dir: string): Loaded {
  const crds: Crd[] = []
  const problems: string[] = []
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))
  } catch (error) {
    return { crds, problems: [`cannot read ${dir}: ${(error as Error).message}`] }
  }
  for (const file of files.sort()) {
    const where = path.join(dir, file)
    for (const doc of parseAllDocuments(readFileSync(where, 'utf8'))) {
      if (doc.errors.length > 0) {
        problems.push(`${where}: ${doc.errors[0]!.message}`)
        continue
      }
      const value: unknown = doc.toJS()
      // Policy CRDs too (known or labelled kinds), so the editor has a policy's schema and CEL rules.
      if (isCrd(value) && (value.spec.group === GATEWAY_GROUP || policyKindOfCrd(value) !== undefined))
        crds.push(value)
    }
  }
  if (crds.length === 0) problems.push(`${dir} holds no Gateway API CustomResourceDefinitions`)
  return { crds, problems }
}
