// Findings placed in the text they came from, for the CLI and the YAML editor.
import type { LoadedObject, SourcePosition } from '../loader/types.ts'
import type { ValidationFinding } from './types.ts'

export type LocatedFinding = ValidationFinding & SourcePosition

/** Each finding with the file, line and column of its field (or of its nearest existing ancestor). */
export function locateFindings(
  loaded: LoadedObject,
  findings: readonly ValidationFinding[],
): LocatedFinding[] {
  return findings.map((finding) => ({ ...finding, ...loaded.locate(finding.path) }))
}
