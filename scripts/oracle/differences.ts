// The reviewed table of accepted differences between Gatemap and Envoy Gateway (docs/oracle-differences.md
// explains each row). A disagreement is accepted only when a row here covers it; each row quotes the
// Gateway API text that leaves the answer to the implementation, or, marked 'Gatemap bug, to fix',
// the text Gatemap does not follow yet.
import type { AcceptedDifference } from './table.ts'

export const ACCEPTED_DIFFERENCES: readonly AcceptedDifference[] = []
