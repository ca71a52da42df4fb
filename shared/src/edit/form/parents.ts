// The parentRef picker's logic: which choice a parentRef names, and the parentRef a picked choice
// becomes. Defaults come from resolveParentRef, so a picked parent in the route's own namespace is
// written without the fields its defaults already give.
import { resolveParentRef } from '../../refs.ts'
import type { ParentChoice } from '../candidates.ts'
import type { ParentRefForm } from './route-types.ts'
import type { Item } from './shape.ts'

/** The index of the choice a parentRef names, or -1 when it names none of them. */
export function parentChoiceIndex(
  ref: ParentRefForm,
  routeNamespace: string,
  choices: readonly ParentChoice[],
): number {
  const r = resolveParentRef({ ...ref, name: ref.name ?? '' }, routeNamespace)
  return choices.findIndex(
    ({ ref: c }) =>
      c.group === r.group &&
      c.kind === r.kind &&
      c.namespace === r.namespace &&
      c.name === r.name &&
      c.sectionName === r.sectionName &&
      c.port === r.port,
  )
}

const DEFAULTED = ['group', 'kind', 'namespace'] as const

/**
 * The parentRef pointing at `choice`. Fields the current parentRef spells out stay spelled out (with
 * the choice's values); others are written only where the choice differs from the default.
 * sectionName and port are the choice's. Keys the form does not know are kept by the writer.
 */
export function parentRefForChoice<R extends Item<ParentRefForm>>(
  current: R | undefined,
  choice: ParentChoice,
  routeNamespace: string,
): R {
  const defaults = resolveParentRef({ name: choice.ref.name }, routeNamespace)
  const next: Item<ParentRefForm> = { ...current }
  for (const key of DEFAULTED) {
    next[key] =
      current?.[key] !== undefined || choice.ref[key] !== defaults[key] ? choice.ref[key] : undefined
  }
  next.name = choice.ref.name
  next.sectionName = choice.ref.sectionName
  next.port = choice.ref.port
  return next as R
}

export interface ChoiceVerdict {
  /** Not colour alone: a glyph and a word. */
  glyph: '✓' | '✕' | '?'
  word: 'accepts' | 'rejects' | 'unknown'
  reason?: string
}

export function choiceVerdict(choice: ParentChoice): ChoiceVerdict {
  if (choice.accepted === true) return { glyph: '✓', word: 'accepts' }
  if (choice.accepted === false) {
    return choice.reason === undefined
      ? { glyph: '✕', word: 'rejects' }
      : { glyph: '✕', word: 'rejects', reason: choice.reason }
  }
  return { glyph: '?', word: 'unknown' }
}

/** The option text of a choice: "✕ rejects — Gateway infra/edge · listener http (HTTP 80): why". */
export function choiceText(choice: ParentChoice): string {
  const v = choiceVerdict(choice)
  return `${v.glyph} ${v.word} — ${choice.label}${v.reason === undefined ? '' : `: ${v.reason}`}`
}
