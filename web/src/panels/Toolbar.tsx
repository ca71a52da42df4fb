// Filters and search. Every control has a visible label; changes go straight into the URL.

import type { Frame } from '@gatemap/shared/view/frame/messages.ts'
import type { ViewState } from '@gatemap/shared/view/model/view-types.ts'

/** The main select's value while several are chosen; no namespace, Gateway or kind is named so. */
const SEVERAL = '\u0000several'

/**
 * One filter over a list: the select picks one value (or all); once one is picked, "add" picks
 * more, and each chosen value can be removed on its own. The URL holds the whole list.
 */
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
  const several = value.length > 1
  const rest = options.filter((o) => !value.includes(o))
  return (
    <span className="gm-filter">
      <label htmlFor={id}>
        {label}
        <select
          id={id}
          value={several ? SEVERAL : (value[0] ?? '')}
          onChange={(e) => onChange(e.target.value ? [e.target.value] : [])}
        >
          <option value="">{all}</option>
          {several ? (
            <option value={SEVERAL} disabled>
              {value.length} chosen
            </option>
          ) : null}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      {several
        ? value.map((v) => (
            <button
              key={v}
              type="button"
              className="gm-chip"
              aria-label={`Remove ${label.toLowerCase()} ${v} from the filter`}
              onClick={() => onChange(value.filter((x) => x !== v))}
            >
              {v} ×
            </button>
          ))
        : null}
      {value.length > 0 && rest.length > 0 ? (
        <select
          id={`${id}-add`}
          aria-label={`Add another ${label.toLowerCase()}`}
          value=""
          onChange={(e) => {
            if (e.target.value) onChange([...value, e.target.value])
          }}
        >
          <option value="">+ add</option>
          {rest.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : null}
    </span>
  )
}

export function Toolbar({
  view,
  frame,
  onChange,
  onTrace,
}: {
  view: ViewState
  frame: Frame | undefined
  onChange(patch: Partial<ViewState>): void
  /** Opens the Trace tab. */
  onTrace?(): void
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
      {frame?.policyKinds?.length || view.policyKinds?.length || view.hasPolicies ? (
        <>
          <Select
            id="gm-policy-kind"
            label="Policy kind"
            all="All policy kinds"
            options={frame?.policyKinds ?? []}
            value={view.policyKinds ?? []}
            onChange={(policyKinds) => onChange({ policyKinds })}
          />
          <label className="gm-check" htmlFor="gm-has-policies">
            <input
              id="gm-has-policies"
              type="checkbox"
              checked={view.hasPolicies === true}
              onChange={(e) => onChange({ hasPolicies: e.target.checked })}
            />
            Has policies
          </label>
        </>
      ) : null}
      <label className="gm-check" htmlFor="gm-problems-only">
        <input
          id="gm-problems-only"
          type="checkbox"
          checked={view.problemsOnly}
          onChange={(e) => onChange({ problemsOnly: e.target.checked })}
        />
        Problems only
      </label>
      {onTrace ? (
        <button type="button" data-testid="trace-open" onClick={onTrace}>
          Trace a request
        </button>
      ) : null}
      {frame ? (
        <span className="gm-muted" data-testid="counts">
          {frame.matching} of {frame.total} nodes · {frame.nodes.length} drawn
        </span>
      ) : null}
    </search>
  )
}
