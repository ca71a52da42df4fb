// Immutable edits of form values. An object whose every field the person cleared becomes undefined,
// so clearing the last field of (say) timeouts removes `timeouts` instead of leaving `{}`.

/** `value` with one key replaced (a new object; undefined means "unset"). */
export function withKey<T extends object, K extends keyof T>(value: T | undefined, key: K, next: T[K]): T {
  return { ...(value as T), [key]: next }
}

/** undefined when no field has a value, else the object itself. */
export function compact<T extends object>(value: T): T | undefined {
  return Object.values(value).some((v) => v !== undefined) ? value : undefined
}

/** `value` with one key set, unset as a whole when nothing is left in it. */
export function withKeyCompact<T extends object, K extends keyof T>(
  value: T | undefined,
  key: K,
  next: T[K],
): T | undefined {
  return compact(withKey(value, key, next))
}
