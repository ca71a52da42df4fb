// RequestMirror (where to copy requests, and how many: percent or a fraction) and CORS settings.
import type { CorsForm, RequestMirrorForm } from '@gatemap/shared'
import type { RouteFormContext } from './context.ts'
import { BooleanField, NumberField } from './fields.tsx'
import { ObjectRefFields } from './ObjectRefFields.tsx'
import { withKey, withKeyCompact } from './patch.ts'
import { StringListField } from './StringListField.tsx'

export function RequestMirrorFields({
  ctx,
  path,
  value,
  onChange,
}: {
  ctx: RouteFormContext
  path: string
  value: RequestMirrorForm | undefined
  onChange(next: RequestMirrorForm): void
}) {
  return (
    <>
      <fieldset className="gm-form-group">
        <legend>Mirror to</legend>
        <ObjectRefFields
          ctx={ctx}
          path={`${path}.backendRef`}
          value={value?.backendRef ?? {}}
          onChange={(backendRef) => onChange(withKey(value, 'backendRef', backendRef))}
        />
      </fieldset>
      <div className="gm-form-inline">
        <NumberField
          label="Percent"
          name={`${path}.percent`}
          value={value?.percent}
          placeholder="(all)"
          onChange={(v) => onChange(withKey(value, 'percent', v))}
        />
        <NumberField
          label="Fraction numerator"
          name={`${path}.fraction.numerator`}
          value={value?.fraction?.numerator}
          onChange={(v) =>
            onChange(withKey(value, 'fraction', withKeyCompact(value?.fraction, 'numerator', v)))
          }
        />
        <NumberField
          label="Fraction denominator"
          name={`${path}.fraction.denominator`}
          value={value?.fraction?.denominator}
          placeholder="100"
          onChange={(v) =>
            onChange(withKey(value, 'fraction', withKeyCompact(value?.fraction, 'denominator', v)))
          }
        />
      </div>
    </>
  )
}

const CORS_LISTS = [
  ['allowOrigins', 'Allowed origins', 'origin', 'https://app.example.com'],
  ['allowMethods', 'Allowed methods', 'method', 'GET'],
  ['allowHeaders', 'Allowed headers', 'allowed header', 'x-request-id'],
  ['exposeHeaders', 'Exposed headers', 'exposed header', 'x-trace-id'],
] as const

export function CorsFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: CorsForm | undefined
  onChange(next: CorsForm): void
}) {
  return (
    <>
      {CORS_LISTS.map(([key, legend, noun, placeholder]) => (
        <StringListField
          key={key}
          legend={legend}
          noun={noun}
          path={`${path}.${key}`}
          value={value?.[key]}
          placeholder={placeholder}
          onChange={(v) => onChange(withKey(value, key, v))}
        />
      ))}
      <div className="gm-form-inline">
        <BooleanField
          label="Allow credentials"
          name={`${path}.allowCredentials`}
          value={value?.allowCredentials}
          onChange={(v) => onChange(withKey(value, 'allowCredentials', v))}
        />
        <NumberField
          label="Max age (seconds)"
          name={`${path}.maxAge`}
          value={value?.maxAge}
          placeholder="5"
          onChange={(v) => onChange(withKey(value, 'maxAge', v))}
        />
      </div>
    </>
  )
}
