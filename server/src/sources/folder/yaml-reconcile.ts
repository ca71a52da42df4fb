// Brings one YAML node in line with a new value by touching only the nodes whose values differ, so
// comments, key order and styles of everything else survive. When every difference is a scalar
// that can be rewritten on its own line, the caller splices just those characters into the file
// (byte-exact elsewhere); anything structural (a key added or removed, a list grown or shrunk, a
// type changed) is left for the caller to re-render from the edited tree.
import { Document, isAlias, isMap, isScalar, isSeq, type Node, Scalar } from 'yaml'

/** Replace the characters [start, end) of the file with `text`. */
export interface ScalarSplice {
  start: number
  end: number
  text: string
}

export interface Reconciled {
  /** The edited tree can no longer be expressed as splices. */
  structural: boolean
  splices: ScalarSplice[]
  /** Set when the node itself had to be replaced; the caller installs it. */
  replacement?: Node
}

type Plain = string | number | boolean | null

const isPlainValue = (value: unknown): value is Plain =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function reconcile(doc: Document, node: Node, value: unknown): Reconciled {
  const result: Reconciled = { structural: false, splices: [] }
  const replacement = visit(node, value, false)
  if (replacement) result.replacement = replacement
  return result

  function create(value: unknown): Node {
    result.structural = true
    return doc.createNode(value) as Node
  }

  function visit(node: Node | null, value: unknown, inFlow: boolean): Node | undefined {
    if (node === null) return value === null ? undefined : create(value)
    if (isAlias(node)) {
      const target = node.resolve(doc)
      const same = target && JSON.stringify(target.toJS(doc)) === JSON.stringify(value)
      return same ? undefined : create(value)
    }
    if (isScalar(node) && isPlainValue(value)) {
      if (node.value === value) return undefined
      const splice = scalarSplice(node, value, inFlow)
      if (splice) result.splices.push(splice)
      else result.structural = true
      node.value = value
      if (typeof value !== 'string') node.type = Scalar.PLAIN
      return undefined
    }
    if (isMap(node) && isRecord(value)) {
      const seen = new Set<string>()
      for (const pair of [...node.items]) {
        // Complex keys (a map as a key) never occur in manifests; leave them be.
        if (!isScalar(pair.key)) continue
        const key = String(pair.key.value)
        seen.add(key)
        if (value[key] === undefined) {
          node.items.splice(node.items.indexOf(pair), 1)
          result.structural = true
          continue
        }
        const replaced = visit(pair.value as Node | null, value[key], inFlow || node.flow === true)
        if (replaced) pair.value = replaced
      }
      for (const [key, child] of Object.entries(value)) {
        if (seen.has(key) || child === undefined) continue
        node.add(doc.createPair(key, child))
        result.structural = true
      }
      return undefined
    }
    if (isSeq(node) && Array.isArray(value)) {
      const items = node.items as (Node | null)[]
      for (let i = 0; i < Math.min(items.length, value.length); i++) {
        const replaced = visit(items[i] ?? null, value[i], inFlow || node.flow === true)
        if (replaced) items[i] = replaced
      }
      if (items.length !== value.length) result.structural = true
      if (items.length > value.length) items.splice(value.length)
      for (let i = items.length; i < value.length; i++) items.push(doc.createNode(value[i]) as Node)
      return undefined
    }
    return create(value)
  }
}

/** The new characters for one scalar, or undefined when it cannot be rewritten in place. */
function scalarSplice(node: Scalar, value: Plain, inFlow: boolean): ScalarSplice | undefined {
  // Flow context changes which characters need quotes; anchors and tags sit inside the range.
  if (inFlow || node.anchor || node.tag || !node.range) return undefined
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) return undefined
  const scalar = new Scalar(value)
  if (typeof value === 'string' && node.type) scalar.type = node.type
  const text = new Document(scalar).toString({ lineWidth: 0 }).replace(/\n$/, '')
  if (text.includes('\n')) return undefined
  return { start: node.range[0], end: node.range[1], text }
}
