// A rule's (or a backendRef's) filters: each with its type and that type's settings. Filter types
// the form does not edit (ExternalAuth, vendor types) are shown by type and kept as they are.
import {
  appendItem,
  FILTER_FIELDS,
  type FilterForm,
  type FilterType,
  type Item,
  newFilter,
  removeItem,
  replaceItem,
  setFilterType,
} from '@gatemap/shared'
import { useState } from 'react'
import type { RouteFormContext } from './context.ts'
import { SelectField, TextField } from './fields.tsx'
import { HeaderModifierFields } from './HeaderModifierFields.tsx'
import { CorsFields, RequestMirrorFields } from './MirrorCorsFields.tsx'
import { withKey } from './patch.ts'
import { RequestRedirectFields, UrlRewriteFields } from './RedirectRewriteFields.tsx'

type Filter = Item<FilterForm>

function FilterSettings({
  ctx,
  path,
  value,
  onChange,
}: {
  ctx: RouteFormContext
  path: string
  value: Filter
  onChange(next: Filter): void
}) {
  const type = value.type as FilterType | undefined
  if (type === undefined || !ctx.features.filters.includes(type)) {
    return (
      <p className="gm-form-note">
        The settings of this filter are not edited here; they are kept as they are.
      </p>
    )
  }
  const key = FILTER_FIELDS[type]
  const at = `${path}.${key}`
  const set =
    <K extends keyof FilterForm>(k: K) =>
    (v: FilterForm[K]) =>
      onChange(withKey(value, k, v))
  switch (type) {
    case 'RequestHeaderModifier':
    case 'ResponseHeaderModifier': {
      const k = type === 'RequestHeaderModifier' ? 'requestHeaderModifier' : 'responseHeaderModifier'
      return <HeaderModifierFields path={at} value={value[k]} onChange={set(k)} />
    }
    case 'RequestRedirect':
      return (
        <RequestRedirectFields path={at} value={value.requestRedirect} onChange={set('requestRedirect')} />
      )
    case 'URLRewrite':
      return <UrlRewriteFields path={at} value={value.urlRewrite} onChange={set('urlRewrite')} />
    case 'RequestMirror':
      return (
        <RequestMirrorFields
          ctx={ctx}
          path={at}
          value={value.requestMirror}
          onChange={set('requestMirror')}
        />
      )
    case 'CORS':
      return <CorsFields path={at} value={value.cors} onChange={set('cors')} />
    case 'ExtensionRef': {
      const ref = value.extensionRef
      const setRef = (k: 'group' | 'kind' | 'name') => (v: string | undefined) =>
        set('extensionRef')(withKey(ref, k, v))
      return (
        <div className="gm-form-inline">
          <TextField label="Group" name={`${at}.group`} value={ref?.group} onChange={setRef('group')} />
          <TextField label="Kind" name={`${at}.kind`} value={ref?.kind} onChange={setRef('kind')} />
          <TextField label="Name" name={`${at}.name`} value={ref?.name} onChange={setRef('name')} />
        </div>
      )
    }
  }
}

export function FiltersField({
  ctx,
  legend,
  path,
  value,
  onChange,
}: {
  ctx: RouteFormContext
  legend: string
  path: string
  value: Filter[] | undefined
  onChange(next: Filter[] | undefined): void
}) {
  const types = ctx.features.filters
  const [adding, setAdding] = useState<FilterType>(types[0] ?? 'RequestHeaderModifier')
  return (
    <fieldset className="gm-form-list">
      <legend>{legend}</legend>
      {(value ?? []).map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
        <fieldset className="gm-form-item" key={i}>
          <legend>
            Filter {i + 1}: {f.type ?? '(no type)'}
          </legend>
          <SelectField
            label="Type"
            name={`${path}[${i}].type`}
            value={f.type}
            options={
              f.type !== undefined && f.type in FILTER_FIELDS && !types.includes(f.type as FilterType)
                ? [...types, f.type]
                : types
            }
            onChange={(t) => t !== undefined && onChange(replaceItem(value, i, setFilterType(f, t)))}
          />
          <FilterSettings
            ctx={ctx}
            path={`${path}[${i}]`}
            value={f}
            onChange={(next) => onChange(replaceItem(value, i, next))}
          />
          <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
            Remove filter {i + 1}
          </button>
        </fieldset>
      ))}
      <div className="gm-form-inline">
        <SelectField
          label="New filter type"
          name={`${path}#new`}
          value={adding}
          options={types}
          onChange={(t) => t !== undefined && setAdding(t)}
        />
        <button
          type="button"
          className="gm-form-add"
          onClick={() => onChange(appendItem(value, newFilter(adding)))}
        >
          Add filter
        </button>
      </div>
    </fieldset>
  )
}
