// Rendering YAML the way the file around it is written: its indentation, its `- ` style, no line
// folding. Used only for what an edit adds or reshapes; everything else keeps its characters.
import { Document, type Node } from 'yaml'

export interface LineStyle {
  indent: number
  indentSeq: boolean
}

const options = (style: LineStyle) => ({ lineWidth: 0, flowCollectionPadding: false, ...style })

/** Entries (a map's pairs or a list's items) as whole lines starting at `column`. */
export function renderLines(entries: unknown, column: number, style: LineStyle): string {
  const text = new Document(entries).toString(options(style))
  const pad = ' '.repeat(column)
  return text.replace(/^(?=[^\n])/gm, pad)
}

/**
 * A node rendered alone to stand where it stood: its first line continues the line it starts on,
 * the following ones take its `column`. `original` is the text it replaces.
 */
export function renderNode(node: Node, column: number, original: string, style: LineStyle): string {
  const alone = new Document()
  alone.contents = node
  let text = alone.toString(options(style))
  // Comments and blank lines printed before the first entry stand before the node in the file,
  // where they are kept; printing them again would repeat them.
  text = text.replace(/^(?:[ \t]*(?:#[^\n]*)?\n)+/, '')
  if (!original.endsWith('\n')) text = text.replace(/\n$/, '')
  return text.replace(/\n(?=[^\n])/g, `\n${' '.repeat(column)}`)
}

/** The indentation a file uses: its map indent, and whether `- ` items are indented under their key. */
export function styleOf(text: string): LineStyle {
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
