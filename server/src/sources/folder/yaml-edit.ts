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
  Document as YamlDocument,
} from 'yaml'
import { reconcile } from './yaml-reconcile.ts'

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

/** The file's text with the object at `site` changed to `value`. */
export function replaceAt(file: ParsedFile, site: ObjectSite, value: Record<string, unknown>): string {
  const document = file.docs[site.doc]
  const node = document && nodeAt(document, site)
  if (!document || !node) throw new Error(`no object at document ${site.doc + 1}`)
  const result = reconcile(document, node, value)
  if (result.replacement) {
    if (site.item === undefined) document.contents = result.replacement
    else (listItems(document) as YAMLSeq).items[site.item] = result.replacement
  }
  if (!result.structural && !result.replacement) {
    let text = file.text
    for (const splice of [...result.splices].sort((a, b) => b.start - a.start)) {
      text = text.slice(0, splice.start) + splice.text + text.slice(splice.end)
    }
    return text
  }
  return rerenderContents(file, site.doc)
}

/** The file's text without the object at `site`; a List left empty goes with its document. */
export function removeAt(file: ParsedFile, site: ObjectSite): string {
  const document = file.docs[site.doc]
  const items = document && listItems(document)
  if (site.item !== undefined && items && items.items.length > 1) {
    items.items.splice(site.item, 1)
    return rerenderContents(file, site.doc)
  }
  const [start, end] = documentSpan(file, site.doc)
  return file.text.slice(0, start) + file.text.slice(end)
}

/** True when the text holds no document with content (only comments or nothing). */
export function isEmptyManifest(text: string): boolean {
  return parseFile(text).docs.every((document) => document.contents === null)
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

/**
 * Re-renders one document's contents from its edited tree, in the file's own indentation. The
 * document's marker and the comments before and after its contents stay as they are.
 */
function rerenderContents(file: ParsedFile, index: number): string {
  const document = file.docs[index]
  const contents = document?.contents as Node | null | undefined
  if (!document || !contents?.range) throw new Error(`document ${index + 1} has no contents`)
  const [start, , end] = contents.range
  const original = file.text.slice(start, end)
  const alone = new YamlDocument()
  alone.contents = contents
  let text = alone.toString({ lineWidth: 0, flowCollectionPadding: false, ...styleOf(original) })
  // Comments and blank lines printed before the first key stand before the range in the file,
  // where they are kept; printing them again would repeat them.
  text = text.replace(/^(?:[ \t]*(?:#[^\n]*)?\n)+/, '')
  if (!original.endsWith('\n')) text = text.replace(/\n$/, '')
  return file.text.slice(0, start) + text + file.text.slice(end)
}

/** The indentation a document uses: its map indent, and whether `- ` items are indented under their key. */
function styleOf(text: string): { indent: number; indentSeq: boolean } {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
  let indent: number | undefined
  let indentSeq: boolean | undefined
  // A key's column counts past any `- ` in front of it; an item's column is its dash's.
  const keyColumn = (line: string) => /^(?:\s*-\s+)*\s*/.exec(line)?.[0].length ?? 0
  const dashColumn = (line: string) => line.length - line.trimStart().length
  for (let i = 0; i + 1 < lines.length && (indent === undefined || indentSeq === undefined); i++) {
    const line = lines[i] as string
    const next = lines[i + 1] as string
    if (!/:\s*$/.test(line)) continue
    if (/^\s*- /.test(next)) indentSeq ??= dashColumn(next) > keyColumn(line)
    else if (keyColumn(next) > keyColumn(line)) indent ??= keyColumn(next) - keyColumn(line)
  }
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true }
}
