// RequestRedirect and URLRewrite settings. A path modifier's value lives under the key its type
// names (replaceFullPath or replacePrefixMatch), so changing the type moves the value.
import {
  PATH_MODIFIER_TYPES,
  type PathModifierForm,
  REDIRECT_SCHEMES,
  REDIRECT_STATUS_CODES,
  type RequestRedirectForm,
  type UrlRewriteForm,
} from '@gatemap/shared'
import { NumberField, SelectField, TextField } from './fields.tsx'
import { compact, withKey } from './patch.ts'

const VALUE_KEY = {
  ReplaceFullPath: 'replaceFullPath',
  ReplacePrefixMatch: 'replacePrefixMatch',
} as const satisfies Record<(typeof PATH_MODIFIER_TYPES)[number], keyof PathModifierForm>

function valueKey(type: string | undefined): 'replaceFullPath' | 'replacePrefixMatch' | undefined {
  return type === 'ReplaceFullPath' || type === 'ReplacePrefixMatch' ? VALUE_KEY[type] : undefined
}

function PathModifierFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: PathModifierForm | undefined
  onChange(next: PathModifierForm | undefined): void
}) {
  const key = valueKey(value?.type)
  const setType = (type: string | undefined) => {
    const next: PathModifierForm = { ...value, type }
    const to = valueKey(type)
    if (key !== undefined && to !== undefined && to !== key) {
      next[to] = value?.[key]
      next[key] = undefined
    }
    onChange(compact(next))
  }
  return (
    <div className="gm-form-inline">
      <SelectField
        label="Path"
        name={`${path}.type`}
        value={value?.type}
        options={PATH_MODIFIER_TYPES}
        unset="(keep the path)"
        onChange={setType}
      />
      {key !== undefined && (
        <TextField
          label={key === 'replaceFullPath' ? 'Full path' : 'Prefix replacement'}
          name={`${path}.${key}`}
          value={value?.[key]}
          onChange={(v) => onChange(withKey(value, key, v))}
        />
      )}
    </div>
  )
}

export function RequestRedirectFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: RequestRedirectForm | undefined
  onChange(next: RequestRedirectForm): void
}) {
  const set = <K extends keyof RequestRedirectForm>(key: K, v: RequestRedirectForm[K]) =>
    onChange(withKey(value, key, v))
  return (
    <>
      <div className="gm-form-inline">
        <SelectField
          label="Scheme"
          name={`${path}.scheme`}
          value={value?.scheme}
          options={REDIRECT_SCHEMES}
          unset="(keep)"
          onChange={(v) => set('scheme', v)}
        />
        <TextField
          label="Hostname"
          name={`${path}.hostname`}
          value={value?.hostname}
          optional
          placeholder="(keep)"
          onChange={(v) => set('hostname', v)}
        />
        <NumberField
          label="Port"
          name={`${path}.port`}
          value={value?.port}
          placeholder="(from scheme)"
          onChange={(v) => set('port', v)}
        />
        <SelectField
          label="Status code"
          name={`${path}.statusCode`}
          value={value?.statusCode}
          options={REDIRECT_STATUS_CODES}
          unset="(default: 302)"
          onChange={(v) => set('statusCode', v)}
        />
      </div>
      <PathModifierFields path={`${path}.path`} value={value?.path} onChange={(v) => set('path', v)} />
    </>
  )
}

export function UrlRewriteFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: UrlRewriteForm | undefined
  onChange(next: UrlRewriteForm): void
}) {
  return (
    <>
      <TextField
        label="Hostname"
        name={`${path}.hostname`}
        value={value?.hostname}
        optional
        placeholder="(keep)"
        onChange={(v) => onChange(withKey(value, 'hostname', v))}
      />
      <PathModifierFields
        path={`${path}.path`}
        value={value?.path}
        onChange={(v) => onChange(withKey(value, 'path', v))}
      />
    </>
  )
}
