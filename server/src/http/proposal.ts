// Turns a request's proposed object (YAML text or JSON) into objects that know where each field
// came from, so every later finding can name a line and column. Parsing is the shared loader's,
// with its limits on size, aliases and depth (the same as the browser editor's).
import {
  type KubeObject,
  type Locate,
  locatorOf,
  objectProposalFindings,
  type Proposal,
  type ProposalFinding,
  parseProposalText,
} from '@gatemap/shared'
import { HttpError } from './errors.ts'

export interface ProposedObject {
  object: KubeObject
  /** 1-based line and column of a field; 0/0 when the proposal was JSON, not text. */
  locate: Locate
}

export interface ParsedProposal {
  objects: ProposedObject[]
  findings: ProposalFinding[]
}

export function parseProposal(proposal: Proposal): ParsedProposal {
  if (proposal.object) {
    const findings = objectProposalFindings(proposal.object)
    return {
      objects: findings.length
        ? []
        : [{ object: proposal.object as KubeObject, locate: () => ({ line: 0, column: 0 }) }],
      findings,
    }
  }
  const parsed = parseProposalText(proposal.yaml ?? '', proposal.file ?? 'proposal.yaml')
  return {
    objects: parsed.objects.map((loaded) => ({ object: loaded.object, locate: locatorOf(loaded) })),
    findings: parsed.findings,
  }
}

/** Exactly one object, or a 422 that says what was wrong with the text. */
export function singleObject(proposal: Proposal): ProposedObject {
  const parsed = parseProposal(proposal)
  const errors = parsed.findings.filter((f) => f.severity === 'error')
  if (errors.length > 0) {
    throw new HttpError(
      422,
      'Invalid',
      `${proposal.file ?? (proposal.object ? 'the request body' : 'the YAML')} cannot be read: ${errors[0]!.message}${errors[0]!.line ? ` (line ${errors[0]!.line}, column ${errors[0]!.column})` : ''}`,
      errors.map((e) => ({ message: e.message, line: e.line, column: e.column })),
    )
  }
  if (parsed.objects.length !== 1) {
    const note = parsed.findings.map((f) => f.message).join('; ')
    throw new HttpError(
      422,
      'Invalid',
      `send exactly one Kubernetes object of a kind Gatemap knows; found ${parsed.objects.length}${note ? ` (${note})` : ''}`,
    )
  }
  return parsed.objects[0]!
}
