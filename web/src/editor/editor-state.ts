// The editor's requests as one state machine: what is being sent, what came back, and which dialog
// that answer opens. One state at a time, so "sending" beside a stale-conflict view, or a dry run's
// success beside the API server's refusal, cannot be represented. Pure: tested without a page.
import type { ErrorResponse, KubeObject, MergeConflict, Ownership, ProposalFinding } from '@gatemap/shared'

export type Operation = 'dry-run' | 'apply' | 'delete'

export type RequestState =
  | { type: 'idle' }
  | { type: 'sending'; operation: Operation; force: boolean }
  | { type: 'dry-run-passed'; message: string }
  /** Applied or deleted: the page closes the editor. */
  | { type: 'done'; object: KubeObject | undefined }
  | { type: 'confirm-delete' }
  /** The draft's base is not the current object (409 with the object as it is now). */
  | { type: 'stale-conflict'; message: string; theirs: KubeObject }
  /** Server-side apply's own conflict: fields another manager set; the person may take them over. */
  | { type: 'ssa-conflict'; message: string; dryRun: boolean }
  | { type: 'rebased'; conflicts: MergeConflict[] }
  /** Refused or failed; `findings` are the API server's causes placed on the draft's lines. */
  | { type: 'error'; message: string; findings: ProposalFinding[] }

/** "Show changes": the diff, and in cluster mode the plan of what an apply would send. */
export type ChangesState =
  | { type: 'hidden' }
  | { type: 'shown'; plan: { state: 'none' } | { state: 'loading' } | PlanAnswer }

export type PlanAnswer = { state: 'ok'; ownership: Ownership } | { state: 'error'; message: string }

export interface EditorState {
  request: RequestState
  changes: ChangesState
}

export type EditorAction =
  | { type: 'send'; operation: Operation; force?: boolean }
  | { type: 'dry-run-passed'; message: string }
  | { type: 'done'; object: KubeObject | undefined }
  | { type: 'failed'; failure: Failure }
  | { type: 'ask-delete' }
  | { type: 'cancel' }
  | { type: 'rebased'; conflicts: MergeConflict[] }
  | { type: 'show-changes'; plan: 'none' | 'loading' }
  | { type: 'hide-changes' }
  | { type: 'plan'; answer: PlanAnswer }

/** A refused request as the reducer needs it: already sorted into what the person can do next. */
export type Failure =
  | { type: 'stale-conflict'; message: string; theirs: KubeObject }
  | { type: 'ssa-conflict'; message: string; dryRun: boolean }
  | { type: 'error'; message: string; findings: ProposalFinding[] }

export const initialEditorState: EditorState = { request: { type: 'idle' }, changes: { type: 'hidden' } }

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const { request } = state
  switch (action.type) {
    case 'send':
      // One request at a time; a dialog's own button (take over fields, confirm delete) sends too.
      if (request.type === 'sending' || request.type === 'done') return state
      if (action.operation === 'delete' && request.type !== 'confirm-delete') return state
      return {
        request: { type: 'sending', operation: action.operation, force: action.force ?? false },
        changes: action.operation === 'delete' ? { type: 'hidden' } : state.changes,
      }
    case 'dry-run-passed':
      if (request.type !== 'sending' || request.operation !== 'dry-run') return state
      return { ...state, request: { type: 'dry-run-passed', message: action.message } }
    case 'done':
      if (request.type !== 'sending' || request.operation === 'dry-run') return state
      return { ...state, request: { type: 'done', object: action.object } }
    case 'failed': {
      if (request.type !== 'sending') return state
      const { failure } = action
      // The conflict view takes the place of the diff; a delete is never stale in this sense.
      if (failure.type === 'stale-conflict')
        return request.operation === 'delete'
          ? { ...state, request: { type: 'error', message: failure.message, findings: [] } }
          : { request: failure, changes: { type: 'hidden' } }
      return { ...state, request: failure }
    }
    case 'ask-delete':
      if (request.type === 'sending' || request.type === 'done') return state
      return { request: { type: 'confirm-delete' }, changes: { type: 'hidden' } }
    case 'cancel':
      if (
        request.type === 'confirm-delete' ||
        request.type === 'stale-conflict' ||
        request.type === 'ssa-conflict'
      )
        return { ...state, request: { type: 'idle' } }
      return state
    case 'rebased':
      if (request.type !== 'stale-conflict') return state
      return { ...state, request: { type: 'rebased', conflicts: action.conflicts } }
    case 'show-changes':
      if (request.type === 'done' || request.type === 'stale-conflict' || request.type === 'confirm-delete')
        return state
      return {
        ...state,
        changes: {
          type: 'shown',
          plan: action.plan === 'loading' ? { state: 'loading' } : { state: 'none' },
        },
      }
    case 'hide-changes':
      return state.changes.type === 'hidden' ? state : { ...state, changes: { type: 'hidden' } }
    case 'plan':
      // A plan that comes back after the diff was closed (or reopened without one) is dropped.
      if (state.changes.type !== 'shown' || state.changes.plan.state !== 'loading') return state
      return { ...state, changes: { type: 'shown', plan: action.answer } }
  }
}

const SSA_CONFLICT = /^Apply failed with \d+ conflict/

/**
 * What a refused request means for the person: server-side apply's own conflict (fields another
 * manager set), a stale draft (the object changed since the draft's base), or an error to read.
 */
export function classifyFailure(
  error: ErrorResponse,
  request: { operation: Operation; isNew: boolean },
  findings: ProposalFinding[],
): Failure {
  const dryRun = request.operation === 'dry-run'
  if (request.operation === 'delete')
    return { type: 'error', message: `Not deleted (${error.reason}): ${error.message}`, findings: [] }
  if (error.status === 409 && SSA_CONFLICT.test(error.message))
    return { type: 'ssa-conflict', message: error.message, dryRun }
  if (error.status === 409 && error.current && !request.isNew)
    return { type: 'stale-conflict', message: error.message, theirs: error.current as KubeObject }
  const who = error.status === 403 ? 'Refused' : dryRun ? 'Dry run failed' : 'Not applied'
  return { type: 'error', message: `${who} (${error.reason}): ${error.message}`, findings }
}

/** The line under the actions: what is happening, or what the last request came to. */
export function outcomeOf(request: RequestState): { kind: 'ok' | 'error' | 'none'; text: string } {
  switch (request.type) {
    case 'sending':
      return { kind: 'none', text: 'Sending…' }
    case 'dry-run-passed':
      return { kind: 'ok', text: request.message }
    case 'rebased':
      return { kind: 'ok', text: 'Rebased on their version. Check the preview, then apply again.' }
    case 'stale-conflict':
      return { kind: 'error', text: `Conflict: ${request.message}` }
    case 'ssa-conflict':
      return { kind: 'error', text: `Not ${request.dryRun ? 'dry-run' : 'applied'}: ${request.message}` }
    case 'error':
      return { kind: 'error', text: request.message }
    case 'idle':
    case 'confirm-delete':
    case 'done':
      return { kind: 'none', text: '' }
  }
}

/** The API server's causes, shown as markers, only while its refusal is the latest answer. */
export function serverFindingsOf(request: RequestState): ProposalFinding[] {
  return request.type === 'error' ? request.findings : []
}
