// The editor's request machine, every state against every action: the table below is the whole
// transition function (`=` keeps the state as it was), and the typed keys make a new state or
// action a compile error until its row and column are written.
import type { ErrorResponse, KubeObject, ProposalFinding } from '@gatemap/shared'
import { describe, expect, it } from 'vitest'
import {
  type ChangesState,
  classifyFailure,
  type EditorAction,
  type EditorState,
  editorReducer,
  initialEditorState,
  outcomeOf,
  type RequestState,
  serverFindingsOf,
} from '../../src/editor/editor-state.ts'

const theirs = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'shop', resourceVersion: '7' },
} as KubeObject
const finding: ProposalFinding = {
  severity: 'error',
  source: 'apiserver',
  message: 'bad',
  line: 3,
  column: 5,
}

const STATES = {
  idle: { type: 'idle' },
  'sending dry-run': { type: 'sending', operation: 'dry-run', force: false },
  'sending apply': { type: 'sending', operation: 'apply', force: true },
  'sending delete': { type: 'sending', operation: 'delete', force: false },
  'dry-run-passed': { type: 'dry-run-passed', message: 'ok' },
  done: { type: 'done', object: theirs },
  'confirm-delete': { type: 'confirm-delete' },
  'stale-conflict': { type: 'stale-conflict', message: 'changed', theirs },
  'ssa-conflict': { type: 'ssa-conflict', message: 'Apply failed with 1 conflict', dryRun: false },
  rebased: { type: 'rebased', conflicts: [] },
  error: { type: 'error', message: 'Not applied (Invalid): bad', findings: [finding] },
} satisfies Record<string, RequestState>
type StateName = keyof typeof STATES

const ACTIONS = {
  'send dry-run': { type: 'send', operation: 'dry-run' },
  'send apply': { type: 'send', operation: 'apply' },
  'send delete': { type: 'send', operation: 'delete' },
  'dry-run-passed': { type: 'dry-run-passed', message: 'passed' },
  done: { type: 'done', object: undefined },
  'failed stale': { type: 'failed', failure: { type: 'stale-conflict', message: 'changed', theirs } },
  'failed ssa': { type: 'failed', failure: { type: 'ssa-conflict', message: 'owned', dryRun: true } },
  'failed error': { type: 'failed', failure: { type: 'error', message: 'no', findings: [] } },
  'ask-delete': { type: 'ask-delete' },
  cancel: { type: 'cancel' },
  rebased: { type: 'rebased', conflicts: [] },
  'show-changes': { type: 'show-changes', plan: 'loading' },
  'hide-changes': { type: 'hide-changes' },
  plan: { type: 'plan', answer: { state: 'error', message: 'no plan' } },
} satisfies Record<string, EditorAction>
type ActionName = keyof typeof ACTIONS

// Every action's kind has a column: a new kind of action fails to compile until it has one.
type Covered = (typeof ACTIONS)[ActionName]['type']
const _allActionKinds: Record<EditorAction['type'], true> = {
  send: true,
  'dry-run-passed': true,
  done: true,
  failed: true,
  'ask-delete': true,
  cancel: true,
  rebased: true,
  'show-changes': true,
  'hide-changes': true,
  plan: true,
} satisfies Record<Covered, true>
const _allStateKinds: Record<RequestState['type'], StateName> = {
  idle: 'idle',
  sending: 'sending apply',
  'dry-run-passed': 'dry-run-passed',
  done: 'done',
  'confirm-delete': 'confirm-delete',
  'stale-conflict': 'stale-conflict',
  'ssa-conflict': 'ssa-conflict',
  rebased: 'rebased',
  error: 'error',
}

// The request state after each action ('=' : unchanged, the very same object).
const S = 'sending'
const row = (overrides: Partial<Record<ActionName, string>>): Record<ActionName, string> => ({
  'send dry-run': S,
  'send apply': S,
  'send delete': '=',
  'dry-run-passed': '=',
  done: '=',
  'failed stale': '=',
  'failed ssa': '=',
  'failed error': '=',
  'ask-delete': 'confirm-delete',
  cancel: '=',
  rebased: '=',
  'show-changes': '=',
  'hide-changes': '=',
  plan: '=',
  ...overrides,
})
const whileSending = (operation: 'dry-run' | 'apply' | 'delete') =>
  row({
    'send dry-run': '=',
    'send apply': '=',
    'dry-run-passed': operation === 'dry-run' ? 'dry-run-passed' : '=',
    done: operation === 'dry-run' ? '=' : 'done',
    'failed stale': operation === 'delete' ? 'error' : 'stale-conflict',
    'failed ssa': 'ssa-conflict',
    'failed error': 'error',
    'ask-delete': '=',
  })
const TABLE: Record<StateName, Record<ActionName, string>> = {
  idle: row({}),
  'sending dry-run': whileSending('dry-run'),
  'sending apply': whileSending('apply'),
  'sending delete': whileSending('delete'),
  'dry-run-passed': row({}),
  done: row({ 'send dry-run': '=', 'send apply': '=', 'ask-delete': '=' }),
  'confirm-delete': row({ 'send delete': S, 'ask-delete': 'confirm-delete', cancel: 'idle' }),
  'stale-conflict': row({ cancel: 'idle', rebased: 'rebased' }),
  'ssa-conflict': row({ cancel: 'idle' }),
  rebased: row({}),
  error: row({}),
}

describe('editorReducer: every state × every action', () => {
  for (const [stateName, request] of Object.entries(STATES) as [StateName, RequestState][]) {
    for (const [actionName, action] of Object.entries(ACTIONS) as [ActionName, EditorAction][]) {
      const expected = TABLE[stateName][actionName]
      it(`${stateName} + ${actionName} → ${expected}`, () => {
        const before: EditorState = { request, changes: { type: 'hidden' } }
        const after = editorReducer(before, action)
        if (expected === '=') expect(after.request).toBe(request)
        else expect(after.request.type).toBe(expected)
      })
    }
  }
})

describe('editorReducer: what each transition carries', () => {
  const sending = (operation: 'dry-run' | 'apply' | 'delete'): EditorState => ({
    request: { type: 'sending', operation, force: false },
    changes: { type: 'hidden' },
  })

  it('sends with force only when asked, and a delete closes the changes view', () => {
    const shown: ChangesState = { type: 'shown', plan: { state: 'none' } }
    const forced = editorReducer(
      { request: STATES['ssa-conflict'], changes: shown },
      {
        type: 'send',
        operation: 'apply',
        force: true,
      },
    )
    expect(forced).toEqual({ request: { type: 'sending', operation: 'apply', force: true }, changes: shown })
    const deleting = editorReducer(
      { request: { type: 'confirm-delete' }, changes: shown },
      {
        type: 'send',
        operation: 'delete',
      },
    )
    expect(deleting.changes).toEqual({ type: 'hidden' })
  })

  it('a stale conflict replaces the changes view and keeps their object for the conflict view', () => {
    const state = editorReducer(
      { ...sending('apply'), changes: { type: 'shown', plan: { state: 'none' } } },
      ACTIONS['failed stale'],
    )
    expect(state).toEqual({
      request: { type: 'stale-conflict', message: 'changed', theirs },
      changes: { type: 'hidden' },
    })
  })

  it('a stale answer to a delete is an error to read, never a rebase', () => {
    expect(editorReducer(sending('delete'), ACTIONS['failed stale']).request).toEqual({
      type: 'error',
      message: 'changed',
      findings: [],
    })
  })

  it('done carries the applied object for the page to select', () => {
    expect(editorReducer(sending('apply'), { type: 'done', object: theirs }).request).toEqual({
      type: 'done',
      object: theirs,
    })
  })

  it('the plan lands only in a changes view that is waiting for it', () => {
    const answer = { state: 'error', message: 'no plan' } as const
    const waiting = editorReducer(initialEditorState, { type: 'show-changes', plan: 'loading' })
    expect(waiting.changes).toEqual({ type: 'shown', plan: { state: 'loading' } })
    expect(editorReducer(waiting, { type: 'plan', answer }).changes).toEqual({ type: 'shown', plan: answer })
    const closed = editorReducer(waiting, { type: 'hide-changes' })
    expect(editorReducer(closed, { type: 'plan', answer })).toBe(closed)
    const folder = editorReducer(initialEditorState, { type: 'show-changes', plan: 'none' })
    expect(editorReducer(folder, { type: 'plan', answer })).toBe(folder)
  })

  it('no changes view beside a conflict, a delete dialog, or after the editor is done', () => {
    for (const name of ['stale-conflict', 'confirm-delete', 'done'] as const) {
      const state: EditorState = { request: STATES[name], changes: { type: 'hidden' } }
      expect(editorReducer(state, { type: 'show-changes', plan: 'none' })).toBe(state)
    }
  })
})

describe('classifyFailure', () => {
  const error = (status: number, message: string, current?: KubeObject): ErrorResponse => ({
    status,
    reason: status === 409 ? 'Conflict' : status === 403 ? 'Forbidden' : 'Invalid',
    message,
    ...(current ? { current } : {}),
  })

  it("tells server-side apply's own conflict from a stale draft", () => {
    const owned = error(409, 'Apply failed with 2 conflicts: conflict with "kubectl"', theirs)
    expect(classifyFailure(owned, { operation: 'apply', isNew: false }, [])).toEqual({
      type: 'ssa-conflict',
      message: owned.message,
      dryRun: false,
    })
    expect(
      classifyFailure(error(409, 'changed', theirs), { operation: 'dry-run', isNew: false }, []),
    ).toEqual({
      type: 'stale-conflict',
      message: 'changed',
      theirs,
    })
  })

  it('a 409 for a new object (it exists already) is an error, with the findings placed', () => {
    const failure = classifyFailure(error(409, 'exists', theirs), { operation: 'apply', isNew: true }, [
      finding,
    ])
    expect(failure).toEqual({ type: 'error', message: 'Not applied (Conflict): exists', findings: [finding] })
  })

  it('names who refused', () => {
    expect(classifyFailure(error(403, 'read-only'), { operation: 'apply', isNew: false }, []).type).toBe(
      'error',
    )
    expect(
      outcomeOf(classifyFailure(error(403, 'no'), { operation: 'apply', isNew: false }, []) as RequestState),
    ).toEqual({
      kind: 'error',
      text: 'Refused (Forbidden): no',
    })
    expect(
      outcomeOf(
        classifyFailure(error(422, 'bad'), { operation: 'dry-run', isNew: false }, []) as RequestState,
      ).text,
    ).toBe('Dry run failed (Invalid): bad')
    expect(
      outcomeOf(
        classifyFailure(
          error(409, 'gone', theirs),
          { operation: 'delete', isNew: false },
          [],
        ) as RequestState,
      ).text,
    ).toBe('Not deleted (Conflict): gone')
  })
})

describe('what the page shows of a state', () => {
  it('says each state in words, and shows the API server’s findings only with its refusal', () => {
    const texts = Object.fromEntries(
      (Object.entries(STATES) as [StateName, RequestState][]).map(([name, s]) => [name, outcomeOf(s)]),
    )
    expect(texts).toEqual({
      idle: { kind: 'none', text: '' },
      'sending dry-run': { kind: 'none', text: 'Sending…' },
      'sending apply': { kind: 'none', text: 'Sending…' },
      'sending delete': { kind: 'none', text: 'Sending…' },
      'dry-run-passed': { kind: 'ok', text: 'ok' },
      done: { kind: 'none', text: '' },
      'confirm-delete': { kind: 'none', text: '' },
      'stale-conflict': { kind: 'error', text: 'Conflict: changed' },
      'ssa-conflict': { kind: 'error', text: 'Not applied: Apply failed with 1 conflict' },
      rebased: { kind: 'ok', text: 'Rebased on their version. Check the preview, then apply again.' },
      error: { kind: 'error', text: 'Not applied (Invalid): bad' },
    })
    for (const [name, s] of Object.entries(STATES) as [StateName, RequestState][])
      expect(serverFindingsOf(s)).toEqual(name === 'error' ? [finding] : [])
  })
})
