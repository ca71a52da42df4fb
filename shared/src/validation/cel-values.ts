// JSON values as CEL sees them in Kubernetes: objects with declared properties expose only those,
// under escaped names (`namespace` is `__namespace__`); maps keep their keys; integers are CEL ints
// (bigint) and numbers doubles, whatever JSON made of them.
import type { CelInput } from '@bufbuild/cel'
import { isObject } from './json.ts'
import type { JsonSchema } from './types.ts'

const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
])

const ESCAPES: Record<string, string> = {
  __: '__underscores__',
  '.': '__dot__',
  '-': '__dash__',
  '/': '__slash__',
}

/** The name CEL uses for a property, or undefined when Kubernetes cannot expose it to CEL. */
export function escapeProperty(name: string): string | undefined {
  if (name === '' || /^[0-9]/.test(name)) return undefined
  if (RESERVED.has(name)) return `__${name}__`
  if (!/^[A-Za-z0-9_./-]+$/.test(name)) return undefined
  return name.replace(/__|[./-]/g, (m) => ESCAPES[m] ?? m)
}

/** Converts JSON values for CEL once per value, however many rules look at them. */
export class CelValues {
  private readonly memo = new WeakMap<object, CelInput>()

  of(value: unknown, schema: JsonSchema | undefined): CelInput {
    if (value === null || value === undefined) return null
    if (typeof value === 'number') {
      return schema?.type !== 'number' && Number.isInteger(value) ? BigInt(value) : value
    }
    if (typeof value === 'string' || typeof value === 'boolean') return value
    if (typeof value !== 'object') return null
    const known = this.memo.get(value)
    if (known !== undefined) return known
    const converted = Array.isArray(value)
      ? value.map((item) => this.of(item, schema?.items))
      : this.object(value, schema)
    this.memo.set(value, converted)
    return converted
  }

  private object(value: object, schema: JsonSchema | undefined): CelInput {
    const out = new Map<string, CelInput>()
    if (!isObject(value)) return out
    const properties = schema?.properties
    const additional =
      typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined
    for (const [key, child] of Object.entries(value)) {
      const prop = properties?.[key]
      if (prop !== undefined) {
        const name = escapeProperty(key)
        if (name !== undefined) out.set(name, this.of(child, prop))
      } else if (additional !== undefined || properties === undefined) {
        // Maps, and objects that preserve unknown fields, show their keys as they are.
        out.set(key, this.of(child, additional))
      }
    }
    return out
  }
}
