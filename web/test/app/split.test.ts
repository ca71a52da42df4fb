import { describe, expect, it } from 'vitest'
import {
  clampWidth,
  defaultWidth,
  graphPercent,
  loadWidth,
  MIN_GRAPH,
  MIN_PANEL,
  STEP,
  saveWidth,
  widthAfterKey,
} from '../../src/app/split.ts'

class MemoryStorage {
  readonly items = new Map<string, string>()
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.items.set(key, value)
  }
}

describe('the split between graph and side panel', () => {
  it('keeps both sides usable', () => {
    expect(clampWidth(10, 1200)).toBe(MIN_PANEL)
    expect(clampWidth(5000, 1200)).toBe(1200 - MIN_GRAPH)
    expect(clampWidth(500, 1200)).toBe(500)
  })

  it('gives editing half the width and viewing the usual panel by default', () => {
    expect(defaultWidth('edit', 1400)).toBe(700)
    expect(defaultWidth('view', 1400)).toBe(440)
  })

  it('moves with the arrow keys (Shift for bigger steps) and jumps to the limits', () => {
    expect(widthAfterKey('ArrowLeft', false, 500, 1200)).toBe(500 + STEP)
    expect(widthAfterKey('ArrowRight', false, 500, 1200)).toBe(500 - STEP)
    expect(widthAfterKey('ArrowLeft', true, 500, 1200)).toBe(500 + 4 * STEP)
    expect(widthAfterKey('Home', false, 500, 1200)).toBe(1200 - MIN_GRAPH)
    expect(widthAfterKey('End', false, 500, 1200)).toBe(MIN_PANEL)
    expect(widthAfterKey('ArrowRight', false, MIN_PANEL, 1200)).toBe(MIN_PANEL)
    expect(widthAfterKey('Enter', false, 500, 1200)).toBeUndefined()
  })

  it("reports the graph's share in percent", () => {
    expect(graphPercent(300, 1200)).toBe(75)
  })

  it('remembers each use as a share of the width, and ignores what it cannot read', () => {
    const storage = new MemoryStorage()
    saveWidth(storage, 'edit', 600, 1200)
    expect(loadWidth(storage, 'edit', 1200)).toBe(600)
    expect(loadWidth(storage, 'edit', 1600)).toBe(800)
    expect(loadWidth(storage, 'view', 1200)).toBe(440)
    storage.setItem('gatemap.split.view', 'wide')
    expect(loadWidth(storage, 'view', 1200)).toBe(440)
  })
})
