// A rule's matches. HTTPRoute: path (Exact, PathPrefix, RegularExpression), headers, query
// parameters, method. GRPCRoute: service and method, headers. No matches means "match everything".
import {
  appendItem,
  type GrpcMethodMatchForm,
  HTTP_METHODS,
  type Item,
  type MatchForm,
  newMatch,
  PATH_MATCH_TYPES,
  removeItem,
  replaceItem,
  VALUE_MATCH_TYPES,
} from '@gatemap/shared'
import type { RouteFormContext } from './context.ts'
import { AddButton, SelectField, TextField } from './fields.tsx'
import { withKey, withKeyCompact } from './patch.ts'
import { ValueMatchesField } from './ValueMatchesField.tsx'

type Match = Item<MatchForm>

function HttpMatchFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: Match
  onChange(next: Match): void
}) {
  const method = typeof value.method === 'string' ? value.method : undefined
  return (
    <>
      <div className="gm-form-inline">
        <SelectField
          label="Path match"
          name={`${path}.path.type`}
          value={value.path?.type}
          options={PATH_MATCH_TYPES}
          unset="(default: PathPrefix)"
          onChange={(type) => onChange(withKey(value, 'path', withKeyCompact(value.path, 'type', type)))}
        />
        <TextField
          label="Path"
          name={`${path}.path.value`}
          value={value.path?.value}
          optional
          placeholder="/ (default)"
          onChange={(v) => onChange(withKey(value, 'path', withKeyCompact(value.path, 'value', v)))}
        />
        <SelectField
          label="Method"
          name={`${path}.method`}
          value={method}
          options={HTTP_METHODS}
          unset="(any)"
          onChange={(m) => onChange(withKey(value, 'method', m))}
        />
      </div>
      <ValueMatchesField
        legend="Headers"
        noun="header match"
        path={`${path}.headers`}
        value={value.headers}
        onChange={(headers) => onChange(withKey(value, 'headers', headers))}
      />
      <ValueMatchesField
        legend="Query parameters"
        noun="query parameter match"
        path={`${path}.queryParams`}
        value={value.queryParams}
        onChange={(queryParams) => onChange(withKey(value, 'queryParams', queryParams))}
      />
    </>
  )
}

function GrpcMatchFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: Match
  onChange(next: Match): void
}) {
  const method: GrpcMethodMatchForm | undefined = typeof value.method === 'object' ? value.method : undefined
  const setMethod = <K extends keyof GrpcMethodMatchForm>(key: K, v: GrpcMethodMatchForm[K]) =>
    onChange(withKey(value, 'method', withKeyCompact(method, key, v)))
  return (
    <>
      <div className="gm-form-inline">
        <SelectField
          label="Method match"
          name={`${path}.method.type`}
          value={method?.type}
          options={VALUE_MATCH_TYPES}
          unset="(default: Exact)"
          onChange={(v) => setMethod('type', v)}
        />
        <TextField
          label="Service"
          name={`${path}.method.service`}
          value={method?.service}
          optional
          placeholder="(any) e.g. foo.Bar"
          onChange={(v) => setMethod('service', v)}
        />
        <TextField
          label="Method"
          name={`${path}.method.method`}
          value={method?.method}
          optional
          placeholder="(any) e.g. Get"
          onChange={(v) => setMethod('method', v)}
        />
      </div>
      <ValueMatchesField
        legend="Headers"
        noun="header match"
        path={`${path}.headers`}
        value={value.headers}
        onChange={(headers) => onChange(withKey(value, 'headers', headers))}
      />
    </>
  )
}

export function MatchesField({
  ctx,
  path,
  value,
  onChange,
}: {
  ctx: RouteFormContext
  path: string
  value: Match[] | undefined
  onChange(next: Match[] | undefined): void
}) {
  const Fields = ctx.features.matches === 'grpc' ? GrpcMatchFields : HttpMatchFields
  return (
    <fieldset className="gm-form-list">
      <legend>Matches</legend>
      {(value ?? []).length === 0 && <p className="gm-form-empty">None: every request matches.</p>}
      {(value ?? []).map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
        <fieldset className="gm-form-item" key={i}>
          <legend>Match {i + 1}</legend>
          <Fields
            path={`${path}[${i}]`}
            value={m}
            onChange={(next) => onChange(replaceItem(value, i, next))}
          />
          <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
            Remove match {i + 1}
          </button>
        </fieldset>
      ))}
      <AddButton onClick={() => onChange(appendItem(value, newMatch(ctx.kind)))}>Add match</AddButton>
    </fieldset>
  )
}
