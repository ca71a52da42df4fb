// The parentRef picker: for each parentRef, a select of the places the route could attach to, each
// saying in words whether it would accept this route and why not; below it the parentRef's own
// fields, so a reference to something Gatemap does not know is still shown, edited and kept.
import {
  appendItem,
  choiceText,
  choiceVerdict,
  type Item,
  type ParentChoice,
  type ParentRefForm,
  parentChoiceIndex,
  parentRefForChoice,
  removeItem,
  replaceItem,
  resolveParentRef,
} from '@gatemap/shared'
import { AddButton, NumberField, TextField } from './fields.tsx'
import { withKey } from './patch.ts'

type Ref = Item<ParentRefForm>

function Verdict({
  choice,
  mesh,
  known,
}: {
  choice: ParentChoice | undefined
  /** The parentRef names a Service: a mesh parent (listed for mesh-capable kinds only). */
  mesh: boolean
  /** How many parents the picker knows; none until the first check has answered. */
  known: number
}) {
  if (choice === undefined) {
    const words = mesh
      ? 'A Service (mesh parent): the route applies to traffic sent to it; kept as written.'
      : known === 0
        ? 'Checking which parents this route could attach to…'
        : '? Not one of the known parents; kept as written.'
    return <p className="gm-form-verdict gm-form-verdict-unknown">{words}</p>
  }
  const v = choiceVerdict(choice)
  return (
    <p className={`gm-form-verdict gm-form-verdict-${v.word}`}>
      {v.glyph} {v.word === 'unknown' ? 'unknown whether it accepts this route' : `${v.word} this route`}
      {v.reason === undefined ? '' : `: ${v.reason}`}
      {mesh ? ' — a Service (mesh parent): the route applies to traffic sent to it.' : ''}
    </p>
  )
}

function ParentRefFields({
  index,
  value,
  onChange,
  choices,
  namespace,
}: {
  index: number
  value: Ref
  onChange(next: Ref): void
  choices: readonly ParentChoice[]
  namespace: string
}) {
  const path = `spec.parentRefs[${index}]`
  const picked = parentChoiceIndex(value, namespace, choices)
  // Placeholders show what an empty field means, from the one place defaults live.
  const defaults = resolveParentRef(
    {
      name: value.name ?? '',
      ...(value.kind !== undefined ? { kind: value.kind } : {}),
      ...(value.group !== undefined ? { group: value.group } : {}),
    },
    namespace,
  )
  const mesh = defaults.kind === 'Service' && defaults.group === ''
  const text = (
    key: 'group' | 'kind' | 'namespace' | 'name' | 'sectionName',
    label: string,
    placeholder?: string,
  ) => (
    <TextField
      label={label}
      name={`${path}.${key}`}
      value={value[key]}
      optional={key !== 'name'}
      placeholder={placeholder}
      onChange={(v) => onChange(withKey(value, key, v))}
    />
  )
  return (
    <>
      <label className="gm-form-field gm-form-wide">
        <span className="gm-form-label">Attach to</span>
        <select
          name={path}
          value={picked < 0 ? 'other' : String(picked)}
          onChange={(e) => {
            const choice = choices[Number(e.target.value)]
            if (choice !== undefined) onChange(parentRefForChoice(value, choice, namespace))
          }}
        >
          {picked < 0 && <option value="other">Not a known parent (see the fields below)</option>}
          {choices.map((c, k) => (
            // The option's value is its index in `choices`, which is its identity here.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <option key={k} value={String(k)}>
              {choiceText(c)}
            </option>
          ))}
        </select>
      </label>
      <Verdict choice={choices[picked]} mesh={mesh} known={choices.length} />
      <div className="gm-form-inline">
        {text('kind', 'Kind', defaults.kind)}
        {text('namespace', 'Namespace', defaults.namespace)}
        {text('name', 'Name')}
        {text('sectionName', mesh ? 'Section (port name)' : 'Section (listener)', 'any')}
        <NumberField
          label="Port"
          name={`${path}.port`}
          value={value.port}
          placeholder="any"
          onChange={(port) => onChange(withKey(value, 'port', port))}
        />
        {text('group', 'Group', defaults.group === '' ? 'core' : defaults.group)}
      </div>
    </>
  )
}

export function ParentRefsField({
  value,
  onChange,
  choices,
  namespace,
}: {
  value: Ref[] | undefined
  onChange(next: Ref[] | undefined): void
  choices: readonly ParentChoice[]
  namespace: string
}) {
  const add = () => {
    const first = choices.find((c) => c.accepted === true) ?? choices[0]
    onChange(
      appendItem(value, first === undefined ? { name: '' } : parentRefForChoice(undefined, first, namespace)),
    )
  }
  return (
    <fieldset className="gm-form-list">
      <legend>Parents</legend>
      {(value ?? []).length === 0 && <p className="gm-form-empty">None: the route attaches nowhere.</p>}
      {(value ?? []).map((ref, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
        <fieldset className="gm-form-item" key={i}>
          <legend>Parent {i + 1}</legend>
          <ParentRefFields
            index={i}
            value={ref}
            onChange={(next) => onChange(replaceItem(value, i, next))}
            choices={choices}
            namespace={namespace}
          />
          <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
            Remove parent {i + 1}
          </button>
        </fieldset>
      ))}
      <AddButton onClick={add}>Add parent</AddButton>
    </fieldset>
  )
}
