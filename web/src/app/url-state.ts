// The view in the address bar, so that a link reproduces what the sender sees: filters, grouping,
// the selection and which panel is open. Unknown or malformed parameters are ignored, never fatal.
import type { TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '@gatemap/shared/view/model/view-types.ts'
import { readTrace, writeTrace } from './url-trace.ts'

export type PanelTab = 'problems' | 'details' | 'yaml' | 'edit' | 'trace'
const TABS: readonly string[] = ['problems', 'details', 'yaml', 'edit', 'trace']

export interface PageState {
  view: ViewState
  tab: PanelTab
  /** The key of the draft open in the editor (its text lives in the browser's storage). */
  edit?: string
  /** The request traced on the graph (the Trace tab's form). */
  trace?: TraceQuery
}

const LIST_PARAMS = {
  ns: 'namespaces',
  gw: 'gateways',
  kind: 'kinds',
  open: 'expanded',
  closed: 'collapsed',
} as const

const list = (value: string | null): string[] =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : []

/** The panel a link opens when it names none: the trace it carries, else the selection, else problems. */
function defaultTab(view: ViewState, trace: TraceQuery | undefined): PanelTab {
  return trace ? 'trace' : view.selected ? 'details' : 'problems'
}

export function readPageState(search: string): PageState {
  const params = new URLSearchParams(search)
  const view: ViewState = { ...EMPTY_VIEW_STATE }
  for (const [param, field] of Object.entries(LIST_PARAMS)) view[field] = list(params.get(param))
  view.problemsOnly = params.get('problems') === '1'
  if (params.get('policies') === '1') view.hasPolicies = true
  const policyKinds = list(params.get('pkind'))
  if (policyKinds.length > 0) view.policyKinds = policyKinds
  view.search = params.get('q') ?? ''
  const selected = params.get('sel')
  if (selected) view.selected = selected
  const tab = params.get('tab') ?? ''
  const edit = params.get('edit')
  const trace = readTrace(params)
  return {
    view,
    tab: TABS.includes(tab) ? (tab as PanelTab) : defaultTab(view, trace),
    ...(edit ? { edit } : {}),
    ...(trace ? { trace } : {}),
  }
}

export function writePageState(state: PageState): string {
  const params = new URLSearchParams()
  const { view } = state
  for (const [param, field] of Object.entries(LIST_PARAMS)) {
    if (view[field].length > 0) params.set(param, view[field].join(','))
  }
  if (view.problemsOnly) params.set('problems', '1')
  if (view.hasPolicies) params.set('policies', '1')
  if (view.policyKinds?.length) params.set('pkind', view.policyKinds.join(','))
  if (view.search) params.set('q', view.search)
  if (view.selected) params.set('sel', view.selected)
  if (state.tab !== defaultTab(view, state.trace)) params.set('tab', state.tab)
  if (state.edit) params.set('edit', state.edit)
  if (state.trace) writeTrace(params, state.trace)
  const text = params.toString()
  return text ? `?${text}` : ''
}
