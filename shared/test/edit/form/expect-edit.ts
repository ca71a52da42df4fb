// What an edit should produce, spelled out independently of the writer: the input with exactly the
// listed paths set (an existing key keeps its place, a new one goes last) or removed.
export const REMOVE = Symbol('remove')
export type Change = [path: (string | number)[], value: unknown]

export function applyChanges<T>(input: T, changes: Change[]): T {
  const out = structuredClone(input)
  for (const [path, value] of changes) {
    let at = out as Record<string | number, unknown>
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
    const last = path[path.length - 1] as string | number
    if (value === REMOVE) {
      if (Array.isArray(at)) at.splice(last as number, 1)
      else delete at[last]
    } else at[last] = structuredClone(value)
  }
  return out
}
