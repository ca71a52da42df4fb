// Brings one YAML node in line with a new value by touching only the nodes whose values differ, so
// comments, key order and styles of everything else survive. In block style, every change is a
// splice of the file's characters: a changed scalar is rewritten where it stands, a removed entry
// loses its lines, new entries are rendered after the last one at its column. What cannot be
// spliced (flow collections, a child of another type, a collection left empty) is named for the
// caller to re-render alone, from the edited tree, in its place.
import { Document, isAlias, isCollection, isMap, isScalar, isSeq, type Node, Scalar } from 'yaml'
import { type LineStyle, renderLines } from './render.ts'

/** Replace the characters [start, end) of the file with `text`. */
export interface ScalarSplice {
  start: number
  end: number
  text: string
}

export interface Reconciled {
  splices: ScalarSplice[]
  /** Collections to re-render whole (the tree already holds their new content). */
  reshaped: Set<Node>
}

type Plain = string | number | boolean | null

const isPlainValue = (value: unknown): value is Plain =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * `root` must be a map and `value` an object: a manifest's object is never anything else. `text`
 * is the whole file the tree was parsed from.
 */
export function reconcile(
  doc: Document,
  root: Node,
  value: Record<string, unknown>,
  text: string,
  style: LineStyle,
): Reconciled {
  const result: Reconciled = { splices: [], reshaped: new Set() }
  visit(root, value, root, undefined)
  return result

  /** Cuts an entry's whole lines, from its first node to its last; undefined where it shares a line. */
  function cutLines(first: Node, last: Node | null, dash: boolean): ScalarSplice | undefined {
    const start = first.range?.[0]
    const end = lineEnd((last ?? first).range?.[2])
    if (start === undefined || end === undefined) return undefined
    const lineStart = text.lastIndexOf('\n', start - 1) + 1
    const prefix = text.slice(lineStart, start)
    return (dash ? /^ *- +$/ : /^ *$/).test(prefix) ? { start: lineStart, end, text: '' } : undefined
  }

  /** The offset after the newline that ends the line holding `offset`'s end, if it ends there. */
  function lineEnd(offset: number | undefined): number | undefined {
    if (offset === undefined) return undefined
    if (text[offset - 1] === '\n') return offset
    return text[offset] === '\n' ? offset + 1 : undefined
  }

  /** New entries rendered after `last` at the column of `first`; undefined where lines do not line up. */
  function appendLines(first: Node, last: Node, entries: unknown, dash: boolean): ScalarSplice | undefined {
    const start = first.range?.[0]
    const at = lineEnd(last.range?.[2])
    if (start === undefined || at === undefined) return undefined
    const prefix = text.slice(text.lastIndexOf('\n', start - 1) + 1, start)
    // An item's column is its dash's; a key's is its own, also when a `- ` stands before it.
    const column = dash
      ? /^( *)- +$/.exec(prefix)?.[1]?.length
      : /^ *(?:- +)*$/.test(prefix)
        ? prefix.length
        : undefined
    if (column === undefined) return undefined
    return { start: at, end: at, text: renderLines(entries, column, style) }
  }

  /**
   * `parent` is the collection holding `node`; `flow` the outermost flow collection around it,
   * which is re-rendered instead (flow context changes what needs quoting, and it fits one line).
   * Returns a node to put in place of `node`.
   */
  function visit(node: Node | null, value: unknown, parent: Node, flow: Node | undefined): Node | undefined {
    const reshape = (collection: Node) => result.reshaped.add(flow ?? collection)
    const replace = () => {
      reshape(parent)
      return doc.createNode(value) as Node
    }
    if (node === null) return value === null ? undefined : replace()
    if (isAlias(node)) {
      const target = node.resolve(doc)
      return target && JSON.stringify(target.toJS(doc)) === JSON.stringify(value) ? undefined : replace()
    }
    if (isScalar(node) && isPlainValue(value)) {
      if (node.value === value) return undefined
      const splice = flow ? undefined : scalarSplice(node, value)
      if (splice) result.splices.push(splice)
      else reshape(parent)
      node.value = value
      if (typeof value !== 'string') node.type = Scalar.PLAIN
      return undefined
    }
    const inner = flow ?? (isCollection(node) && node.flow ? node : undefined)
    if (isMap(node) && isRecord(value)) {
      const before = [...node.items]
      const cuts: (ScalarSplice | undefined)[] = []
      const seen = new Set<string>()
      for (const pair of before) {
        // Complex keys (a map as a key) never occur in manifests; leave them be.
        if (!isScalar(pair.key)) continue
        const key = String(pair.key.value)
        seen.add(key)
        if (value[key] === undefined) {
          node.items.splice(node.items.indexOf(pair), 1)
          cuts.push(inner ? undefined : cutLines(pair.key, pair.value as Node | null, false))
          continue
        }
        const replaced = visit(pair.value as Node | null, value[key], node, inner)
        if (replaced) pair.value = replaced
      }
      const added = Object.fromEntries(
        Object.entries(value).filter(([key, child]) => !seen.has(key) && child !== undefined),
      )
      for (const [key, child] of Object.entries(added)) node.add(doc.createPair(key, child))
      const lastPair = before.at(-1)
      finish({
        node,
        parent,
        cuts,
        added: Object.keys(added).length > 0 ? added : undefined,
        first: before[0]?.key as Node | undefined,
        last: (lastPair?.value ?? lastPair?.key) as Node | undefined,
        dash: false,
        inFlow: inner !== undefined,
        reshape,
      })
      return undefined
    }
    if (isSeq(node) && Array.isArray(value)) {
      const items = node.items as (Node | null)[]
      const before = [...items]
      for (let i = 0; i < Math.min(items.length, value.length); i++) {
        const replaced = visit(items[i] ?? null, value[i], node, inner)
        if (replaced) items[i] = replaced
      }
      const cuts = before
        .slice(value.length)
        .map((item) => (inner || !item ? undefined : cutLines(item, item, true)))
      const added = value.slice(items.length)
      if (items.length > value.length) items.splice(value.length)
      for (const item of added) items.push(doc.createNode(item) as Node)
      finish({
        node,
        parent,
        cuts,
        added: added.length > 0 ? added : undefined,
        first: before[0] ?? undefined,
        last: before.at(-1) ?? undefined,
        dash: true,
        inFlow: inner !== undefined,
        reshape,
      })
      return undefined
    }
    return replace()
  }

  /**
   * Keeps a collection's cuts and appended lines as splices when all of them could be made;
   * otherwise it is re-rendered whole, or its parent when it is left empty.
   */
  function finish(change: {
    node: Node
    parent: Node
    cuts: (ScalarSplice | undefined)[]
    /** New pairs (an object) or items (an array), if any. */
    added: unknown
    first: Node | undefined
    last: Node | undefined
    dash: boolean
    inFlow: boolean
    reshape: (node: Node) => void
  }): void {
    const { node, cuts, added, first, last } = change
    if (cuts.length === 0 && added === undefined) return
    const append =
      added === undefined
        ? null
        : !change.inFlow && first && last
          ? appendLines(first, last, added, change.dash)
          : undefined
    const splices = [...cuts, ...(append ? [append] : [])]
    // An empty block collection is written `[]` or `{}` after its key, on the key's line.
    if (isCollection(node) && node.items.length === 0) change.reshape(change.parent)
    else if (append === undefined || splices.some((splice) => splice === undefined)) change.reshape(node)
    else for (const splice of splices) if (splice) result.splices.push(splice)
  }
}

/** The new characters for one scalar, or undefined when it cannot be rewritten in place. */
function scalarSplice(node: Scalar, value: Plain): ScalarSplice | undefined {
  // Anchors and tags sit inside the range; block scalars span lines at their parent's indent.
  if (node.anchor || node.tag || !node.range) return undefined
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) return undefined
  const scalar = new Scalar(value)
  if (typeof value === 'string' && node.type) scalar.type = node.type
  const text = new Document(scalar).toString({ lineWidth: 0 }).replace(/\n$/, '')
  if (text.includes('\n')) return undefined
  return { start: node.range[0], end: node.range[1], text }
}
