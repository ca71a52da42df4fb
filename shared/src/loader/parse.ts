// Reads manifests (YAML or JSON, multi-document, `kind: List`) from text into objects that remember
// where every field came from. Pure: the caller reads the file.
import {
  Composer,
  type CST,
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
} from 'yaml'
import { kindInfo, recognizeKind, splitApiVersion } from '../kinds.ts'
import type { PolicyCrd, PolicyKind } from '../policies/kinds.ts'
import { knownPolicyKind, policyKindOfCrd } from '../policies/kinds.ts'
import type { KubeObject } from '../types/meta.ts'
import { cstTooDeep, DEFAULT_MAX_DEPTH, depthMessage } from './depth.ts'
import type {
  FieldPath,
  LoadedObject,
  LoadOptions,
  LoadProblem,
  LoadResult,
  SourcePosition,
} from './types.ts'

export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024
export const DEFAULT_MAX_ALIAS_COUNT = 100

export function parseManifests(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const problems: LoadProblem[] = []
  const objects: LoadedObject[] = []
  const policyKinds: PolicyKind[] = []
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  // Characters undercount bytes; only when the count is close does the exact UTF-8 size matter.
  const bytes = text.length * 3 > maxBytes ? new TextEncoder().encode(text).length : text.length
  if (bytes > maxBytes) {
    problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      message: `file is ${bytes} bytes, over the ${maxBytes}-byte limit; nothing in it was read`,
    })
    return { objects, problems }
  }
  const lines = new LineCounter()
  const at = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset)
    return { file, line, column: col }
  }
  const problem = (offset: number, severity: LoadProblem['severity'], message: string) =>
    problems.push({ ...at(offset), severity, message })

  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  let documents: Document.Parsed[]
  // Documents nested too deeply, by index: they are measured on the parser's tree (built without
  // recursion) and left out before the composer, which recurses, ever sees them.
  const tooDeep = new Map<number, number>()
  try {
    documents = composeDocuments(text, maxDepth, lines, tooDeep)
  } catch (error) {
    problem(0, 'error', `cannot parse: ${firstLine((error as Error).message)}`)
    return { objects, problems }
  }

  for (const [index, document] of documents.entries()) {
    const start = document.range?.[0] ?? 0
    const deepAt = tooDeep.get(index)
    if (deepAt !== undefined) {
      problem(deepAt, 'error', `document ${index + 1}: ${depthMessage(maxDepth)}; it was not read`)
      continue
    }
    if (document.errors.length > 0) {
      // One report per distinct message: a pathological input can repeat the same error thousands of times.
      const seen = new Set<string>()
      for (const error of document.errors) {
        const message = firstLine(error.message)
        if (seen.has(message)) continue
        seen.add(message)
        problem(error.pos[0], 'error', `YAML: ${message}`)
      }
      continue
    }
    if (document.contents === null) continue
    let value: unknown
    try {
      value = document.toJS({ maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT })
    } catch (error) {
      const message = (error as Error).message
      problem(
        start,
        'error',
        /alias/i.test(message)
          ? `document ${index + 1} expands too many aliases (a YAML alias bomb?); it was not read`
          : `document ${index + 1} cannot be read: ${firstLine(message)}`,
      )
      continue
    }
    // A trailing `---` or a document holding only `~` is empty, not an error.
    if (value === null || value === undefined) continue
    value = detached(value)
    const root = document.contents as Node
    if (isListObject(value)) {
      const items = nodeAt(root, ['items'])
      value.items.forEach((item, i) => {
        const itemNode = items && isSeq(items) ? (items.items[i] as Node | undefined) : undefined
        admit(item, itemNode ?? root, `item ${i + 1} of the List in document ${index + 1}`)
      })
    } else {
      admit(value, root, `document ${index + 1}`)
    }
  }
  return policyKinds.length ? { objects, problems, policyKinds } : { objects, problems }

  function admit(value: unknown, node: Node, where: string) {
    const offset = node.range?.[0] ?? 0
    const shapeError = checkShape(value)
    if (shapeError) {
      problem(offset, 'error', `${where}: ${shapeError}`)
      return
    }
    const object = value as KubeObject
    const info = recognizeKind(object.apiVersion, object.kind, options.kinds)
    if (!info && object.kind === 'CustomResourceDefinition') {
      // A policy CRD the inputs carry makes its kind readable (the caller reads again with it).
      const policy = policyKindOfCrd(object as PolicyCrd)
      if (policy && !knownPolicyKind(policy.group, policy.kind)) {
        policyKinds.push(policy)
        return
      }
    }
    if (!info) {
      const { group } = splitApiVersion(object.apiVersion)
      const known = kindInfo(group, object.kind)
      problem(
        offset,
        'note',
        known
          ? `${where}: ${object.kind} version ${object.apiVersion} is not one Gatemap reads (known: ${known.versions.join(', ')}); ignored`
          : `${where}: ${object.apiVersion} ${object.kind} is not a Gateway API kind or one the analysis needs; ignored`,
      )
      return
    }
    if (info.namespaced && !object.metadata.namespace) {
      object.metadata.namespace = options.defaultNamespace ?? 'default'
    }
    if (!info.namespaced) delete object.metadata.namespace
    if (object.kind === 'Secret') summarizeSecret(object)
    const source = at(offset)
    objects.push({ object, source, locate: locator(positionsOf(node), lines, file) })
  }
}

/** Documents of a text; those nested deeper than `maxDepth` are left empty and noted in `tooDeep`. */
function composeDocuments(
  text: string,
  maxDepth: number,
  lines: LineCounter,
  tooDeep: Map<number, number>,
): Document.Parsed[] {
  const tokens: CST.Token[] = []
  let index = 0
  for (const token of new Parser(lines.addNewLine).parse(text)) {
    if (token.type === 'document') {
      const offset = cstTooDeep(token, maxDepth)
      if (offset !== undefined) {
        tooDeep.set(index, offset)
        delete token.value
      }
      index++
    }
    tokens.push(token)
  }
  return [...new Composer({ uniqueKeys: true }).compose(tokens)]
}

/**
 * The string itself, not a view into the text it was cut from. V8 keeps a substring of 13 or more
 * characters as a slice of its parent, so one name kept from a file kept the whole file's text:
 * about 12 MB of texts at 5,000 routes that nothing else needed. An object's own key comes back
 * internalized (a copy of its own, shared by equal strings).
 */
function standalone(text: string): string {
  return text.length < 13 ? text : (Object.keys({ [text]: 0 })[0] ?? text)
}

/** `value` with every string in it standalone (in place: the parser's fresh objects). */
function detached(value: unknown): unknown {
  if (typeof value === 'string') return standalone(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = detached(value[i])
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const item = record[key]
      const next = detached(item)
      if (next === item) continue
      // `__proto__` is an own property here (the parser defines it); plain assignment would set the prototype.
      if (key === '__proto__')
        Object.defineProperty(record, key, {
          value: next,
          writable: true,
          enumerable: true,
          configurable: true,
        })
      else record[key] = next
    }
  }
  return value
}

/**
 * Positions kept as compact data. Keeping each document's YAML node tree for `locate` cost ~90 MB
 * per 1,000 routes; a report may locate fields in most objects, so parsing again on demand is no
 * answer either (it doubled the read of a folder with many findings). A map is
 * `[offset, key, keyOffset, child, key, keyOffset, child, ...]`, a sequence `[-offset - 1, child, ...]`,
 * anything else its offset.
 */
type Positions = number | (string | Positions)[]

function positionsOf(node: Node): Positions {
  const offset = node.range?.[0] ?? 0
  if (isMap(node)) {
    const out: (string | Positions)[] = [offset]
    for (const pair of node.items) {
      if (!pair.value) continue
      const key = pair.key
      const keyValue = isScalar(key) ? key.value : key
      const keyOffset = isScalar(key) ? key.range?.[0] : undefined
      out.push(standalone(String(keyValue)), keyOffset ?? -1, positionsOf(pair.value as Node))
    }
    // A copy of exactly its length: an array grown by push keeps room for 17 items or more, which
    // made most of the positions' memory (small maps; ~40 MB at 5,000 routes).
    return out.slice()
  }
  if (isSeq(node)) {
    const out = new Array<Positions>(node.items.length + 1)
    out[0] = -offset - 1
    node.items.forEach((item, i) => {
      out[i + 1] = positionsOf(item as Node)
    })
    return out
  }
  return offset
}

/**
 * An object's `locate`: over its compact positions and its file's line starts (shared by every
 * object in the file). Built outside `parseManifests` on purpose: a closure created there would
 * share its scope and keep that parse's trees alive.
 */
function locator(
  positions: Positions,
  lines: LineCounter,
  file: string,
): (path: FieldPath) => SourcePosition {
  return (path) => {
    // The deepest existing ancestor's own position: a map key where the path names one, else the
    // node's start.
    let current = positions
    let offset = startOf(current)
    for (const segment of path) {
      if (typeof current === 'number') break
      const head = current[0] as number
      let found = false
      if (head >= 0) {
        const wanted = String(segment)
        for (let i = 1; i + 2 < current.length; i += 3) {
          if (current[i] !== wanted) continue
          const keyOffset = current[i + 1] as number
          current = current[i + 2] as Positions
          offset = keyOffset >= 0 ? keyOffset : startOf(current)
          found = true
          break
        }
      } else if (typeof segment === 'number' && segment + 1 < current.length) {
        current = current[segment + 1] as Positions
        offset = startOf(current)
        found = true
      }
      if (!found) break
    }
    const { line, col } = lines.linePos(offset)
    return { file, line, column: col }
  }
}

function startOf(positions: Positions): number {
  if (typeof positions === 'number') return positions
  const head = positions[0] as number
  return head >= 0 ? head : -head - 1
}

function childOf(node: Node, segment: string | number): { node: Node; keyOffset?: number } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key
      const keyValue = isScalar(key) ? key.value : key
      if (String(keyValue) === String(segment) && pair.value) {
        const keyOffset = isScalar(key) ? key.range?.[0] : undefined
        return keyOffset === undefined
          ? { node: pair.value as Node }
          : { node: pair.value as Node, keyOffset }
      }
    }
    return undefined
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment]
    return item ? { node: item as Node } : undefined
  }
  return undefined
}

function nodeAt(node: Node, path: FieldPath): Node | undefined {
  let current: Node | undefined = node
  for (const segment of path) current = current && childOf(current, segment)?.node
  return current
}

function isListObject(value: unknown): value is { items: unknown[] } {
  if (!isPlainObject(value)) return false
  return typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)
}

function checkShape(value: unknown): string | undefined {
  if (!isPlainObject(value)) {
    return `is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a Kubernetes object`
  }
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') return 'apiVersion is missing'
  if (typeof value.kind !== 'string' || value.kind === '') return 'kind is missing'
  const metadata = value.metadata
  if (!isPlainObject(metadata)) return `metadata is missing (${value.kind})`
  if (typeof metadata.name !== 'string' || metadata.name === '')
    return `metadata.name is missing (${value.kind})`
  if (metadata.namespace !== undefined && typeof metadata.namespace !== 'string') {
    return `metadata.namespace must be a string (${value.kind} ${metadata.name})`
  }
  if (value.spec !== undefined && !isPlainObject(value.spec)) {
    return `spec must be an object (${value.kind} ${metadata.name})`
  }
  return undefined
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

/** `spec.parentRefs[0].name` -> ['spec', 'parentRefs', 0, 'name'] */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = []
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) out.push(Number(match[2]))
    else if (match[1] !== undefined) out.push(match[1])
  }
  return out
}

/**
 * Secret data never goes further than the loader: it is replaced by what the analysis needs to
 * know (whether a TLS certificate looks like PEM), so neither the analysis nor the wire sees it.
 */
function summarizeSecret(secret: KubeObject): void {
  const data = isPlainObject(secret.data) ? secret.data : {}
  const stringData = isPlainObject(secret.stringData) ? secret.stringData : {}
  if (secret.type === 'kubernetes.io/tls' && ('tls.crt' in data || 'tls.crt' in stringData)) {
    let certificate = typeof stringData['tls.crt'] === 'string' ? stringData['tls.crt'] : ''
    if (!certificate && typeof data['tls.crt'] === 'string') {
      try {
        certificate = atob(data['tls.crt'].replace(/\s+/g, ''))
      } catch {
        certificate = ''
      }
    }
    secret.tlsCertificate = certificate.includes('-----BEGIN CERTIFICATE-----') ? 'pem' : 'malformed'
  }
  delete secret.data
  delete secret.stringData
}
