// Filters and search. Every control has a visible label; changes go straight into the URL.
import type { ViewState } from '../model/view-types.ts'
import type { Frame } from '../worker/messages.ts'

function Select({
  id,
  label,
  all,
  options,
  value,
  onChange,
}: {
  id: string
  label: string
  all: string
  options: string[]
  value: string[]
  onChange(value: string[]): void
}) {
  return (
    <label htmlFor={id}>
      {label}
      <select
        id={id}
        value={value[0] ?? ''}
        onChange={(e) => onChange(e.target.value ? [e.target.value] : [])}
      >
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  )
}

export function Toolbar({
  view,
  frame,
  onChange,
}: {
  view: ViewState
  frame: Frame | undefined
  onChange(patch: Partial<ViewState>): void
}) {
  return (
    <search className="gm-toolbar" aria-label="Filter the graph">
      <label htmlFor="gm-search">
        Search
        <input
          id="gm-search"
          type="search"
          placeholder="name, hostname or path"
          value={view.search}
          onChange={(e) => onChange({ search: e.target.value })}
        />
      </label>
      <Select
        id="gm-namespace"
        label="Namespace"
        all="All namespaces"
        options={frame?.namespaces ?? []}
        value={view.namespaces}
        onChange={(namespaces) => onChange({ namespaces })}
      />
      <Select
        id="gm-gateway"
        label="Gateway"
        all="All Gateways"
        options={frame?.gatewayKeys ?? []}
        value={view.gateways}
        onChange={(gateways) => onChange({ gateways })}
      />
      <Select
        id="gm-kind"
        label="Route kind"
        all="All kinds"
        options={frame?.routeKinds ?? []}
        value={view.kinds}
        onChange={(kinds) => onChange({ kinds })}
      />
      <label className="gm-check" htmlFor="gm-problems-only">
        <input
          id="gm-problems-only"
          type="checkbox"
          checked={view.problemsOnly}
          onChange={(e) => onChange({ problemsOnly: e.target.checked })}
        />
        Problems only
      </label>
      {frame ? (
        <span className="gm-muted" data-testid="counts">
          {frame.matching} of {frame.total} nodes · {frame.nodes.length} drawn
        </span>
      ) : null}
    </search>
  )
}
