// Edits one object inside a manifest file's text and returns the new text. Documents other than the
// edited one are never re-rendered: their characters are copied as they are.
import {
  type Document,
  isMap,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  stringify,
  type YAMLSeq,
} from 'yaml'
import { reconcile, type ScalarSplice } from './reconcile.ts'
import { type LineStyle, renderNode, styleOf } from './render.ts'

/** Where an object sits in a file: a document, or an item of the `kind: List` in that document. */
export interface ObjectSite {
  doc: number
  item?: number
}

interface ParsedFile {
  text: string
  docs: Document[]
  lines: LineCounter
}

export function parseFile(text: string): ParsedFile {
  const lines = new LineCounter()
  // Options as the shared loader parses with, so both see the same documents.
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true })
  return { text, docs: Array.isArray(parsed) ? parsed : [], lines }
}

/** The site of the object the loader reported at `line`:`column` (its start). */
export function findSite(file: ParsedFile, line: number, column: number): ObjectSite | undefined {
  const startsHere = (node: unknown) => {
    const offset = (node as Node | null)?.range?.[0]
    if (offset === undefined) return false
    const at = file.lines.linePos(offset)
    return at.line === line && at.col === column
  }
  for (const [doc, document] of file.docs.entries()) {
    if (startsHere(document.contents)) return { doc }
    const items = listItems(document)
    const item = items?.items.findIndex(startsHere) ?? -1
    if (item >= 0) return { doc, item }
  }
  return undefined
}

/** The object at `site` as the file has it (before any defaulting by the loader). */
export function valueAt(file: ParsedFile, site: ObjectSite): unknown {
  const document = file.docs[site.doc]
  const node = document && nodeAt(document, site)
  return node && document ? node.toJS(document) : undefined
}

/**
 * The object's own text as the file has it, comments included: its document without the `---`
 * line, or, for an item of a `kind: List`, the item's lines moved left to column 1. This is what a
 * person edits, so the editor shows it rather than the object serialised again.
 */
export function textAt(file: ParsedFile, site: ObjectSite): string {
  const document = file.docs[site.doc]
  const node = document && nodeAt(document, site)
  if (!document || !node?.range) throw new Error(`no object at document ${site.doc + 1}`)
  if (site.item === undefined) {
    const [start, end] = documentSpan(file, site.doc)
    const contentStart = node.range[0]
    // Before the content: comments stay, the document marker and directives go.
    const head = file.text
      .slice(start, contentStart)
      .split('\n')
      .filter((line) => !/^(---|%)/.test(line))
      .join('\n')
    const body = file.text.slice(contentStart, end).replace(/\n\.\.\.[^\n]*\n?\s*$/, '\n')
    return head + body
  }
  const [start, , end] = node.range
  const column = file.lines.linePos(start).col - 1
  const lines = file.text.slice(start, end).split('\n')
  const indent = new RegExp(`^ {0,${column}}`)
  return [lines[0], ...lines.slice(1).map((line) => line.replace(indent, ''))].join('\n')
}

/** The file's text with the object at `site` changed to `value`. */
export function replaceAt(file: ParsedFile, site: ObjectSite, value: Record<string, unknown>): string {
  const document = file.docs[site.doc]
  const node = document && nodeAt(document, site)
  if (!document || !node) throw new Error(`no object at document ${site.doc + 1}`)
  const style = styleOf(file.text)
  const { splices, reshaped } = reconcile(document, node, value, file.text, style)
  return applyEdits(file, splices, reshaped, style)
}

/**
 * An editor's text with its one object changed to `value`: only what differs is rewritten, so
 * comments, key order and formatting of everything else survive a form edit. Text that is not one
 * readable document is replaced by a fresh rendering.
 */
export function editObjectText(text: string, value: Record<string, unknown>): string {
  const file = parseFile(text)
  const document = file.docs[0]
  const readable =
    file.docs.length === 1 &&
    document !== undefined &&
    document.errors.length === 0 &&
    isMap(document.contents)
  return readable ? replaceAt(file, { doc: 0 }, value) : newFileText(value)
}

/** The file's text without the object at `site`; a List left empty goes with its document. */
export function removeAt(file: ParsedFile, site: ObjectSite): string {
  const document = file.docs[site.doc]
  const items = document && listItems(document)
  if (site.item !== undefined && document && items && items.items.length > 1) {
    const list = document.toJS() as { items: unknown[] }
    list.items.splice(site.item, 1)
    return replaceAt(file, { doc: site.doc }, list)
  }
  const [start, end] = documentSpan(file, site.doc)
  return file.text.slice(0, start) + file.text.slice(end)
}

/** True when the text holds no document with content (only comments or nothing). */
export function isEmptyManifest(text: string): boolean {
  return parseFile(text).docs.every((document) => document.errors.length === 0 && document.toJS() == null)
}

export function newFileText(value: Record<string, unknown>): string {
  return stringify(value, { lineWidth: 0 })
}

function nodeAt(document: Document, site: ObjectSite): Node | undefined {
  if (site.item === undefined) return (document.contents as Node | null) ?? undefined
  return (listItems(document)?.items[site.item] as Node | undefined) ?? undefined
}

function listItems(document: Document): YAMLSeq | undefined {
  const contents = document.contents
  if (!isMap(contents)) return undefined
  const items = contents.get('items', true)
  return isSeq(items) ? items : undefined
}

/**
 * Characters from a document's start (its `---`) to the next one's: the first document also owns
 * what comes before it, the last one what comes after.
 */
function documentSpan(file: ParsedFile, index: number): [number, number] {
  const start = index === 0 ? 0 : (file.docs[index]?.range?.[0] ?? 0)
  return [start, file.docs[index + 1]?.range?.[0] ?? file.text.length]
}

/** Applies the splices, and re-renders reshaped collections (the outermost ones) in place. */
function applyEdits(
  file: ParsedFile,
  splices: ScalarSplice[],
  reshaped: Set<Node>,
  style: LineStyle,
): string {
  const spans = [...reshaped].flatMap((node) =>
    node.range ? [{ node, start: node.range[0], end: node.range[2] }] : [],
  )
  const inside = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end && b.start < a.end
  // A span inside another is re-rendered with it (of two equal spans, the first one stands).
  const contains = (j: number, i: number) =>
    j !== i &&
    (spans[j]?.start ?? 0) <= (spans[i]?.start ?? 0) &&
    (spans[i]?.end ?? 0) <= (spans[j]?.end ?? 0)
  const outermost = spans.filter(
    (span, i) =>
      !spans.some(
        (other, j) => contains(j, i) && (j < i || other.start < span.start || other.end > span.end),
      ),
  )
  const regions = outermost.map(({ node, start, end }) => ({
    start,
    end,
    text: renderNode(node, file.lines.linePos(start).col - 1, file.text.slice(start, end), style),
  }))
  const edits = [...splices.filter((splice) => !regions.some((region) => inside(splice, region))), ...regions]
  // Inserts sit at the end of what they follow; at one offset the later edit goes first.
  edits.sort((a, b) => b.start - a.start || b.end - a.end)
  let text = file.text
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
  return text
}
