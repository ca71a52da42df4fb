// Reading and sending a draft's text: its one object, the resourceVersion it was based on, and the
// API server's causes placed back on the draft's own lines.
import {
  type ErrorResponse,
  type Ownership,
  type ProposalFinding,
  parseManifests,
  safeFieldPath,
} from '@gatemap/shared'
import { parse } from 'yaml'
import { toYamlText } from './start-draft.ts'

/** The text's one object as written (no defaults), for the form; undefined when the YAML is broken. */
export function objectOf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parse(text)
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The draft's text with the resourceVersion it was based on, so a stale apply is a conflict. */
export function withResourceVersion(text: string, resourceVersion: string | undefined): string {
  const object = objectOf(text)
  if (!object || !resourceVersion) return text
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  return toYamlText({ ...object, metadata: { ...metadata, resourceVersion } })
}

/** Removals an apply alone cannot make are a second request; a dry run says so. */
export function patchNote(ownership: Ownership | undefined): string {
  const paths = ownership?.removedByPatch.map((r) => r.path) ?? []
  return paths.length === 0
    ? ''
    : ` Other tools also set ${paths.join(', ')}: Apply removes them with a second request right after the apply.`
}

/** The API server's causes, placed on the draft's lines where the field can be found. */
export function placeCauses(text: string, file: string, causes: ErrorResponse['causes']): ProposalFinding[] {
  const loaded = parseManifests(text, file).objects[0]
  return (causes ?? []).map<ProposalFinding>((c) => {
    // The text sent carries the resourceVersion and loses comments, so the server's own line
    // numbers may not match the draft's: the field, found in the draft itself, comes first.
    let at = { line: c.line ?? 0, column: c.column ?? 0 }
    if (c.field && loaded) {
      const pos = loaded.locate(safeFieldPath(c.field))
      at = { line: pos.line, column: pos.column }
    }
    return {
      severity: 'error',
      source: 'apiserver',
      message: c.message,
      ...(c.field ? { path: c.field } : {}),
      ...at,
    }
  })
}
