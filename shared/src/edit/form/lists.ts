// Immutable list edits for form models. Removing the last item unsets the list, so emptying a list
// in a form removes its key instead of leaving `[]` behind.

export function replaceItem<T>(list: readonly T[] | undefined, index: number, item: T): T[] {
  const next = [...(list ?? [])]
  next[index] = item
  return next
}

export function removeItem<T>(list: readonly T[] | undefined, index: number): T[] | undefined {
  const next = (list ?? []).filter((_, i) => i !== index)
  return next.length === 0 ? undefined : next
}

export function appendItem<T>(list: readonly T[] | undefined, item: T): T[] {
  return [...(list ?? []), item]
}
