// The route's rules: each with its name, matches, filters, backends and timeouts, as the kind has them.
import { appendItem, type Item, newRule, type RuleForm, removeItem, replaceItem } from '@gatemap/shared'
import { BackendRefsField } from './BackendRefsField.tsx'
import type { RouteFormContext } from './context.ts'
import { FiltersField } from './FiltersField.tsx'
import { AddButton, TextField } from './fields.tsx'
import { MatchesField } from './MatchesField.tsx'
import { withKey } from './patch.ts'
import { TimeoutsField } from './TimeoutsField.tsx'

type Rule = Item<RuleForm>

function RuleFields({
  ctx,
  path,
  value,
  onChange,
}: {
  ctx: RouteFormContext
  path: string
  value: Rule
  onChange(next: Rule): void
}) {
  const { features } = ctx
  return (
    <>
      <TextField
        label="Rule name"
        name={`${path}.name`}
        value={value.name}
        optional
        placeholder="(none)"
        onChange={(name) => onChange(withKey(value, 'name', name))}
      />
      {features.matches !== undefined && (
        <MatchesField
          ctx={ctx}
          path={`${path}.matches`}
          value={value.matches}
          onChange={(matches) => onChange(withKey(value, 'matches', matches))}
        />
      )}
      {features.filters.length > 0 && (
        <FiltersField
          ctx={ctx}
          legend="Filters"
          path={`${path}.filters`}
          value={value.filters}
          onChange={(filters) => onChange(withKey(value, 'filters', filters))}
        />
      )}
      <BackendRefsField
        ctx={ctx}
        path={`${path}.backendRefs`}
        value={value.backendRefs}
        onChange={(backendRefs) => onChange(withKey(value, 'backendRefs', backendRefs))}
      />
      {features.timeouts && (
        <TimeoutsField
          path={`${path}.timeouts`}
          value={value.timeouts}
          onChange={(timeouts) => onChange(withKey(value, 'timeouts', timeouts))}
        />
      )}
    </>
  )
}

export function RulesField({
  ctx,
  value,
  onChange,
}: {
  ctx: RouteFormContext
  value: Rule[] | undefined
  onChange(next: Rule[] | undefined): void
}) {
  return (
    <fieldset className="gm-form-list">
      <legend>Rules</legend>
      {(value ?? []).length === 0 && <p className="gm-form-empty">None.</p>}
      {(value ?? []).map((rule, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
        <fieldset className="gm-form-item gm-form-rule" key={i}>
          <legend>
            Rule {i + 1}
            {rule.name ? ` (${rule.name})` : ''}
          </legend>
          <RuleFields
            ctx={ctx}
            path={`spec.rules[${i}]`}
            value={rule}
            onChange={(next) => onChange(replaceItem(value, i, next))}
          />
          <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
            Remove rule {i + 1}
          </button>
        </fieldset>
      ))}
      <AddButton onClick={() => onChange(appendItem(value, newRule(ctx.kind)))}>Add rule</AddButton>
    </fieldset>
  )
}
