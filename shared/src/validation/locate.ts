// Findings placed in the text they came from, for the CLI and the YAML editor.
import type { LoadedObject, SourcePosition } from '../loader/types.ts'
import { findingFocus } from './focus.ts'
import type { ValidationFinding } from './types.ts'

export type LocatedFinding = ValidationFinding & SourcePosition

/**
 * Each finding with the file, line and column of its field (or of its nearest existing ancestor); a
 * CEL rule on an object that is about one of its fields is placed on that field (focus.ts).
 */
export function locateFindings(
  loaded: LoadedObject,
  findings: readonly ValidationFinding[],
): LocatedFinding[] {
  return findings.map((finding) => ({ ...finding, ...loaded.locate(findingFocus(finding, loaded.object)) }))
}
