// Room for edge labels: a label that would overlap one already drawn is left out (its edge's hover
// tooltip still says it). Where many edges meet a column, their labels sat on top of each other: at
// the first view of 1,000 routes 567 "✕ rejected" labels were drawn, a red smear nobody could read,
// and two thirds of the page's elements.

/** A label's box in flow coordinates. */
export interface LabelBox {
  left: number
  top: number
  right: number
  bottom: number
}

/** Space kept free around a label, so that two drawn labels never touch. */
const GAP = 2
const CELL_WIDTH = 128
const CELL_HEIGHT = 32
/** Cells are numbered from this offset, so that small negative coordinates (brackets) stay distinct. */
const ORIGIN = 1 << 15

/** The labels placed so far, filed by the grid cells they cover. */
export class LabelRoom {
  private cells = new Map<number, LabelBox[]>()

  /** Places the label if nothing placed overlaps it; says whether it did. */
  place(box: LabelBox): boolean {
    const keys = cellsOf(box)
    for (const key of keys) {
      for (const other of this.cells.get(key) ?? []) {
        if (
          box.left < other.right + GAP &&
          other.left < box.right + GAP &&
          box.top < other.bottom + GAP &&
          other.top < box.bottom + GAP
        )
          return false
      }
    }
    for (const key of keys) {
      const placed = this.cells.get(key)
      if (placed) placed.push(box)
      else this.cells.set(key, [box])
    }
    return true
  }
}

function cellsOf(box: LabelBox): number[] {
  const left = Math.floor((box.left - GAP) / CELL_WIDTH) + ORIGIN
  const right = Math.floor((box.right + GAP) / CELL_WIDTH) + ORIGIN
  const top = Math.floor((box.top - GAP) / CELL_HEIGHT) + ORIGIN
  const bottom = Math.floor((box.bottom + GAP) / CELL_HEIGHT) + ORIGIN
  const out: number[] = []
  for (let x = left; x <= right; x++) for (let y = top; y <= bottom; y++) out.push(x * 65_536 + y)
  return out
}
