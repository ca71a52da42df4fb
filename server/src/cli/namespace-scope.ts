// `serve --namespace`: the namespaces a person's rights cover, repeated or as a comma list.

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/** The namespaces named, in order and without repeats; throws naming the first that is not a namespace name. */
export function parseNamespaceScope(values: readonly string[]): string[] {
  const names: string[] = []
  for (const value of values) {
    for (const part of value.split(',')) {
      const name = part.trim()
      if (!NAMESPACE.test(name) || name.length > 63) {
        throw new Error(
          `--namespace ${JSON.stringify(part)} is not a namespace name (lower-case letters, digits and '-', at most 63)`,
        )
      }
      if (!names.includes(name)) names.push(name)
    }
  }
  return names
}
