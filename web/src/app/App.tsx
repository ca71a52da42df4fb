// The dashboard: header with the connection, filters, the graph, and a side panel with problems,
// details and YAML. The URL holds the view; the graph worker turns it into frames.
import type { ObjectRef } from '@gatemap/shared'
import type { ProblemCounts, ProblemRow } from '@gatemap/shared/view/frame/messages.ts'
import { findingNodeId } from '@gatemap/shared/view/model/finding-node.ts'
import { queryKey, type TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import type { ViewState } from '@gatemap/shared/view/model/view-types.ts'
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { EditIntent } from '../editor/intent.ts'
import { GraphActions, type GraphActionsValue } from '../graph/actions.ts'
import { GraphCanvas } from '../graph/GraphCanvas.tsx'
import { ConnectionIndicator, isStale } from '../panels/ConnectionIndicator.tsx'
import { DetailsPanel } from '../panels/DetailsPanel.tsx'
import { KindStates } from '../panels/KindStates.tsx'
import { ProblemsPanel } from '../panels/ProblemsPanel.tsx'
import { Toolbar } from '../panels/Toolbar.tsx'
import { BLANK_TRACE, TracePanel } from '../panels/TracePanel.tsx'
import { YamlView } from '../panels/YamlView.tsx'
import { Splitter, useSplit } from './Splitter.tsx'
import './split.css'
import { useTheme } from './theme.ts'
import { type PageState, type PanelTab, readPageState, writePageState } from './url-state.ts'
import { useGraphWorker } from './use-graph-worker.ts'
import { useSignedInUser } from './use-signed-in.ts'
import { useStableCallback } from './use-stable-callback.ts'

const TAB_LABEL: Record<PanelTab, string> = {
  problems: 'Problems',
  details: 'Details',
  yaml: 'YAML',
  edit: 'Edit',
  trace: 'Trace',
}

const NO_PROBLEMS: ProblemCounts = { errors: 0, warnings: 0 }

// The editor (Monaco, monaco-yaml, forms, the validator's chunk in the worker) loads only when opened.
const EditorPanel = lazy(() => import('../editor/EditorPanel.tsx'))

export function App() {
  const [page, setPage] = useState<PageState>(() => readPageState(location.search))
  const [focus, setFocus] = useState<string | undefined>(page.view.selected)
  const [theme, toggleTheme] = useTheme()
  const graphWorker = useGraphWorker(page.view)
  const { frame, connection, streamError, reconnect } = graphWorker
  const user = useSignedInUser()
  // What the Trace tab's form starts from when it is not the trace in the address bar ("Trace a request here").
  const [traceForm, setTraceForm] = useState<TraceQuery | undefined>(undefined)
  const [traceFocus, setTraceFocus] = useState(0)
  const tracedKey = page.trace ? queryKey(page.trace) : ''
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the query's fields
  useEffect(() => graphWorker.trace(page.trace), [tracedKey])
  const [intent, setIntent] = useState<EditIntent | undefined>(() =>
    page.edit ? { type: 'open', key: page.edit } : undefined,
  )

  const { sendView } = graphWorker
  const update = useCallback(
    (next: PageState, push: boolean) => {
      sendView(next.view)
      setPage(next)
      const url = `${location.pathname}${writePageState(next)}`
      if (push) history.pushState(null, '', url)
      else history.replaceState(null, '', url)
    },
    [sendView],
  )

  useEffect(() => {
    const onPop = () => {
      setTraceForm(undefined)
      setPage(readPageState(location.search))
    }
    addEventListener('popstate', onPop)
    return () => removeEventListener('popstate', onPop)
  }, [])

  const changeView = (patch: Partial<ViewState>, push = false) =>
    update({ ...page, view: { ...page.view, ...patch } }, push)

  const edit = (next: EditIntent) => {
    setIntent(next)
    update({ ...page, tab: 'edit' }, true)
  }

  const onDraftKey = useCallback((key: string | undefined) => {
    setPage((p) => {
      const next = { ...p, ...(key ? { edit: key } : {}) }
      if (!key) delete next.edit
      history.replaceState(null, '', `${location.pathname}${writePageState(next)}`)
      return next
    })
  }, [])

  const doneEditing = (
    object: { kind: string; apiVersion: string; metadata: { namespace?: string; name: string } } | undefined,
  ) => {
    setIntent(undefined)
    const { edit: _edit, ...rest } = page
    const view = { ...page.view }
    if (object) {
      const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0]! : ''
      view.selected = findingNodeId({
        group,
        kind: object.kind,
        name: object.metadata.name,
        ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
      })
    }
    update({ ...rest, view, tab: view.selected ? 'details' : 'problems' }, true)
  }

  const select = (id: string | undefined) => {
    const view = { ...page.view }
    if (id) view.selected = id
    else delete view.selected
    update(
      {
        view,
        tab: id ? (page.tab === 'yaml' ? 'yaml' : 'details') : page.tab === 'yaml' ? 'problems' : page.tab,
        // A trace stays lit while its nodes are looked at.
        ...(page.trace ? { trace: page.trace } : {}),
      },
      true,
    )
  }

  const traceHere = (query: TraceQuery) => {
    setTraceForm(query)
    setTraceFocus((n) => n + 1)
    update({ ...page, tab: 'trace' }, true)
  }

  const open = (object: ObjectRef) => {
    const id = findingNodeId(object)
    select(id)
    setFocus(id)
  }

  const pickProblem = (row: ProblemRow) => {
    select(row.nodeId)
    setFocus(row.nodeId)
  }

  const toggleGroup = (id: string) => {
    const folded = id.startsWith('gw:')
      ? page.view.collapsed.includes(id)
      : (frame?.nodes.some((n) => n.id === id && n.type === 'group') ?? false)
    const expanded = page.view.expanded.filter((g) => g !== id)
    const collapsed = page.view.collapsed.filter((g) => g !== id)
    if (folded) expanded.push(id)
    else collapsed.push(id)
    changeView({ expanded, collapsed }, true)
  }

  // One value for the page's life (see graph/actions.ts); it calls the latest toggleGroup, which
  // reads the current page and frame.
  const stableToggle = useStableCallback(toggleGroup)
  const actions = useMemo<GraphActionsValue>(() => ({ toggleGroup: stableToggle }), [stableToggle])

  const selectedGroup = frame?.nodes.find((n) => n.id === page.view.selected && n.type === 'object')
  const group = selectedGroup?.type === 'object' ? selectedGroup.group : undefined
  const stale = isStale(connection, frame?.kinds ?? [])
  const tabs: PanelTab[] = intent
    ? ['problems', 'details', 'yaml', 'trace', 'edit']
    : ['problems', 'details', 'yaml', 'trace']
  const editing = page.tab === 'edit' && intent !== undefined
  const main = useRef<HTMLElement>(null)
  const split = useSplit(main, editing ? 'edit' : 'view')

  return (
    <div className={`gm-app${stale ? ' is-stale' : ''}${editing ? ' is-editing' : ''}`}>
      <header className="gm-header">
        <h1>Gatemap</h1>
        <span className="gm-source" data-testid="source">
          {frame?.source
            ? user !== undefined
              ? `Cluster, signed in as ${user}`
              : `${frame.source.mode === 'cluster' ? 'Cluster' : 'Folder'}: ${frame.source.name}`
            : ''}
          {frame?.source?.readOnly ? ' (read-only)' : ''}
          {frame?.source?.namespaces ? (
            <span className="gm-scope" data-testid="scope">
              {' '}
              · namespaces {frame.source.namespaces.join(', ')} only; other namespaces are not watched
            </span>
          ) : null}
        </span>
        <ConnectionIndicator connection={connection} kinds={frame?.kinds ?? []} onReconnect={reconnect} />
        <button
          type="button"
          className="gm-theme"
          onClick={toggleTheme}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      <Toolbar
        view={page.view}
        frame={frame}
        onChange={(patch) => changeView(patch)}
        onTrace={() => {
          setTraceFocus((n) => n + 1)
          update({ ...page, tab: 'trace' }, true)
        }}
      />
      {streamError ? (
        <p role="alert" className="gm-alert">
          The server sent a message this page does not understand: {streamError}
        </p>
      ) : null}
      {frame ? <KindStates kinds={frame.kinds} files={frame.files} /> : null}
      <main className="gm-main" ref={main}>
        {stale ? (
          <p className="gm-stale-banner" role="alert" data-testid="stale">
            ⚠ Not live: what you see may be out of date.
          </p>
        ) : null}
        <GraphActions.Provider value={actions}>
          <GraphCanvas
            frame={frame}
            viewPending={graphWorker.viewPending}
            theme={theme}
            selected={page.view.selected}
            collapsed={page.view.collapsed}
            focus={focus}
            onFocused={() => setFocus(undefined)}
            onSelect={select}
          />
        </GraphActions.Provider>
        {split.width !== undefined ? (
          <Splitter width={split.width} total={split.total} onWidth={split.setWidth} />
        ) : null}
        <aside
          id="gm-side"
          className={`gm-side${split.width !== undefined ? ' is-split' : ''}`}
          style={split.width !== undefined ? { width: split.width } : undefined}
          aria-label="Problems and details"
        >
          {/* The panels' headings start at h3: this one keeps the outline without a level skipped. */}
          <h2 className="gm-sr">{TAB_LABEL[page.tab]}</h2>
          <div role="tablist" aria-label="Side panel" className="gm-tabs">
            {tabs.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`gm-tab-${t}`}
                aria-selected={page.tab === t}
                aria-controls={`gm-panel-${t}`}
                onClick={() => update({ ...page, tab: t }, false)}
              >
                {TAB_LABEL[t]}
                {t === 'problems' && frame
                  ? ` (${frame.problemCounts.errors + frame.problemCounts.warnings})`
                  : ''}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`gm-panel-${page.tab}`}
            aria-labelledby={`gm-tab-${page.tab}`}
            className="gm-panel"
          >
            {page.tab === 'problems' ? (
              <ProblemsPanel
                problems={frame?.problems ?? []}
                counts={frame?.problemCounts ?? NO_PROBLEMS}
                loaded={frame !== undefined}
                onPick={pickProblem}
                onShowMore={graphWorker.showProblems}
              />
            ) : null}
            {page.tab === 'details' ? (
              <DetailsPanel
                details={frame?.details}
                onOpen={open}
                group={group}
                onCollapseGroup={toggleGroup}
                onEdit={edit}
                cluster={frame?.source?.mode === 'cluster'}
                onTraceHere={traceHere}
              />
            ) : null}
            {page.tab === 'trace' ? (
              <TracePanel
                query={traceForm ?? page.trace ?? BLANK_TRACE}
                traced={page.trace}
                gateways={frame?.gatewayKeys ?? []}
                services={frame?.meshServiceKeys ?? []}
                trace={frame?.trace}
                onTrace={(trace) => {
                  setTraceForm(undefined)
                  update({ ...page, trace, tab: 'trace' }, true)
                }}
                onClear={() => {
                  const { trace, ...rest } = page
                  setTraceForm({
                    ...BLANK_TRACE,
                    gateway: trace?.gateway ?? '',
                    ...(trace?.targetKind ? { targetKind: trace.targetKind } : {}),
                  })
                  update(rest, true)
                }}
                onOpen={open}
                focusRequest={traceFocus}
              />
            ) : null}
            {page.tab === 'yaml' ? (
              <YamlView object={frame?.details?.manifest} origin={frame?.details?.origin} theme={theme} />
            ) : null}
            {editing ? (
              <Suspense fallback={<p className="gm-empty">Loading the editor…</p>}>
                <EditorPanel
                  intent={intent}
                  worker={graphWorker}
                  theme={theme}
                  exists={(kind, namespace, name) =>
                    frame?.nodes.some(
                      (n) =>
                        n.id ===
                        findingNodeId({
                          group: 'gateway.networking.k8s.io',
                          kind,
                          name,
                          ...(namespace ? { namespace } : {}),
                        }),
                    ) ?? false
                  }
                  onKey={onDraftKey}
                  onDone={doneEditing}
                />
              </Suspense>
            ) : page.tab === 'edit' ? (
              <p className="gm-empty">
                Select an object and choose Edit, or a listener and choose Add a route here.
              </p>
            ) : null}
          </div>
        </aside>
      </main>
    </div>
  )
}
