// The handle between the graph and the side panel: drag it, or focus it and use the arrow keys
// (Shift for bigger steps, Home and End for the limits). The width is remembered per use.
import { type PointerEvent, type RefObject, useCallback, useEffect, useRef, useState } from 'react'
import { clampWidth, graphPercent, loadWidth, type SplitUse, saveWidth, widthAfterKey } from './split.ts'

/** The side panel's width for `use`, following the main area's size. */
export function useSplit(main: RefObject<HTMLElement | null>, use: SplitUse) {
  const [total, setTotal] = useState(0)
  const [widths, setWidths] = useState<Partial<Record<SplitUse, number>>>({})

  useEffect(() => {
    const element = main.current
    if (!element) return
    // The entry's size, not clientWidth: reading that here would lay the page out again mid-frame.
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setTotal(Math.round(entry.contentRect.width))
    })
    observer.observe(element)
    setTotal(element.clientWidth)
    return () => observer.disconnect()
  }, [main])

  const chosen = widths[use]
  const width = total > 0 ? clampWidth(chosen ?? loadWidth(localStorage, use, total), total) : undefined

  const setWidth = useCallback(
    (next: number) => {
      if (total <= 0) return
      const clamped = clampWidth(next, total)
      setWidths((w) => ({ ...w, [use]: clamped }))
      saveWidth(localStorage, use, clamped, total)
    },
    [use, total],
  )
  return { width, total, setWidth }
}

export function Splitter({
  width,
  total,
  onWidth,
}: {
  width: number
  total: number
  onWidth(width: number): void
}) {
  const drag = useRef<{ x: number; width: number } | undefined>(undefined)
  const percent = graphPercent(width, total)

  const down = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, width }
  }
  const move = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return
    onWidth(drag.current.width - (event.clientX - drag.current.x))
  }
  const up = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = undefined
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId)
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be focused and dragged; this is a focusable, moving separator (WAI-ARIA window splitter)
    <div
      className="gm-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the graph and the side panel"
      aria-controls="gm-side"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`graph ${percent}%, side panel ${100 - percent}%`}
      tabIndex={0}
      data-testid="splitter"
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      onKeyDown={(event) => {
        const next = widthAfterKey(event.key, event.shiftKey, width, total)
        if (next === undefined) return
        event.preventDefault()
        onWidth(next)
      }}
    />
  )
}
