// Reads the Gateway API CRDs from a folder (the Gateway API module's config/crd/<channel>, fetched
// through the Go module proxy at install time and never copied into this repository).
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
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
