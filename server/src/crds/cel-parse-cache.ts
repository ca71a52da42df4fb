// The parsed CEL rules of the CRDs, kept on disk between CLI runs. Cold, @bufbuild/cel's parser was
// the largest single cost of a one-route `gatemap analyze` (~50 of ~250 ms CPU: a few dozen HTTPRoute
// rules, each through a generated parser that has not warmed up). The parsed trees are plain objects
// with bigints and byte arrays, which V8's serializer keeps exactly, and reading them back is cheap.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { type CelParseCache, setCelParseCache } from '@gatemap/shared'

/**
 * The @bufbuild/cel version whose trees the file holds (shared/package.json pins it exactly; a test
 * checks the two agree): another version may shape them differently, so it gets another file.
 */
export const CEL_VERSION = '0.6.1'

type Parsed = Parameters<CelParseCache['set']>[1]

function cacheFile(cacheDir: string): string {
  // Node's version too: the serializer's format is V8's.
  return path.join(cacheDir, 'gatemap', `cel-parsed-${CEL_VERSION}-${process.version}.bin`)
}

function read(file: string): Map<string, Parsed> {
  try {
    const value: unknown = deserialize(readFileSync(file))
    if (value instanceof Map) return value as Map<string, Parsed>
  } catch {
    // Absent or unreadable: start empty; the file is written again when a rule is parsed.
  }
  return new Map()
}

/**
 * Consults (and fills) the cache under `cacheDir` while rules compile; `save()` writes it back if a
 * rule was parsed. Without a cache folder it does nothing.
 */
export function useCelParseCache(cacheDir = process.env.GATEMAP_CACHE_DIR): { save(): void } {
  if (!cacheDir) return { save() {} }
  const file = cacheFile(cacheDir)
  let entries: Map<string, Parsed> | undefined
  let added = false
  setCelParseCache({
    get(text) {
      // Read on the first rule only, so a folder without Gateway API objects never reads it.
      entries ??= read(file)
      return entries.get(text)
    },
    set(text, parsed) {
      entries ??= read(file)
      entries.set(text, parsed)
      added = true
    },
  })
  return {
    save() {
      setCelParseCache(undefined)
      if (!added || entries === undefined) return
      try {
        mkdirSync(path.dirname(file), { recursive: true })
        // Written whole under another name first, so a concurrent reader never sees half a file.
        const partial = `${file}.${process.pid}.tmp`
        writeFileSync(partial, serialize(entries))
        renameSync(partial, file)
      } catch {
        // A cache that cannot be written only costs the next run the parse.
      }
    },
  }
}
