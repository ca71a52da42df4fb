// The split between the graph and the side panel: the panel's width, clamped so neither side
// becomes unusable, moved by the keyboard in steps, and remembered in the browser per use (viewing
// and editing want different widths). Pure apart from the storage it is given.

/** Neither the graph nor the panel gets narrower than this. */
export const MIN_GRAPH = 240
export const MIN_PANEL = 320
/** Arrow keys move the split this far; with Shift, four times as far. */
export const STEP = 24

export type SplitUse = 'view' | 'edit'

const KEY: Record<SplitUse, string> = { view: 'gatemap.split.view', edit: 'gatemap.split.edit' }

/** Before the person chooses: the panel as before for viewing, half the width for editing. */
export function defaultWidth(use: SplitUse, total: number): number {
  return clampWidth(use === 'edit' ? Math.round(total * 0.5) : 440, total)
}

export function clampWidth(width: number, total: number): number {
  const max = Math.max(MIN_PANEL, total - MIN_GRAPH)
  return Math.round(Math.min(max, Math.max(MIN_PANEL, width)))
}

/** The panel's width after a key press on the splitter, or undefined for a key it does not use. */
export function widthAfterKey(key: string, shift: boolean, width: number, total: number): number | undefined {
  const step = shift ? STEP * 4 : STEP
  switch (key) {
    // The splitter sits left of the panel: moving it left widens the panel.
    case 'ArrowLeft':
      return clampWidth(width + step, total)
    case 'ArrowRight':
      return clampWidth(width - step, total)
    case 'Home':
      return clampWidth(Number.POSITIVE_INFINITY, total)
    case 'End':
      return clampWidth(0, total)
    default:
      return undefined
  }
}

/** The graph's share of the width in percent, as the separator's aria-valuenow. */
export function graphPercent(width: number, total: number): number {
  return total <= 0 ? 50 : Math.round(((total - width) / total) * 100)
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>

/** The remembered width, as a fraction of the whole, so it survives another window size. */
export function loadWidth(storage: Storage, use: SplitUse, total: number): number {
  let stored: string | null = null
  try {
    stored = storage.getItem(KEY[use])
  } catch {
    // Storage may be refused (private mode); the default serves.
  }
  const fraction = stored === null ? Number.NaN : Number(stored)
  return Number.isFinite(fraction) && fraction > 0 && fraction < 1
    ? clampWidth(fraction * total, total)
    : defaultWidth(use, total)
}

export function saveWidth(storage: Storage, use: SplitUse, width: number, total: number): void {
  if (total <= 0) return
  try {
    storage.setItem(KEY[use], String(Math.round((width / total) * 1000) / 1000))
  } catch {
    // Not remembered, nothing else lost.
  }
}
