// The name of a new object's file. Kind, namespace and name together can pass the 255 bytes most
// file systems allow for one name (a name alone may have 253 characters), so a long one keeps its
// beginning and ends in a short hash of the whole, which keeps two long names apart.
import { createHash } from 'node:crypto'

/** Bytes left for the base: 255 less what `atomic-write.ts` adds (`-N` for a taken name, `.yaml`). */
const MAX_BASE_BYTES = 255 - '-9999.yaml'.length

/** `<kind>-<namespace>-<name>` in lower case, shortened to fit a file name. */
export function newFileBase(kind: string, namespace: string | undefined, name: string): string {
  const base = [kind, namespace, name].filter(Boolean).join('-').toLowerCase()
  if (Buffer.byteLength(base) <= MAX_BASE_BYTES) return base
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 8)
  // Object names are ASCII (DNS labels), so characters are bytes; cut a trailing dot or dash.
  const kept = base.slice(0, MAX_BASE_BYTES - hash.length - 1).replace(/[.-]+$/, '')
  return `${kept}-${hash}`
}
