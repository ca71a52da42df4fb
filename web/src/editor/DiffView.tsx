// Two YAML texts side by side with Monaco's diff editor (read-only): the current object against the
// draft before applying, or their version against mine in a conflict.
import { useEffect, useRef } from 'react'
import type { Theme } from '../app/theme.ts'
import { createDiff, setTheme } from './monaco-edit.ts'

export function DiffView({
  left,
  right,
  label,
  theme,
  testId,
}: {
  left: string
  right: string
  label: string
  theme: Theme
  testId: string
}) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!host.current) return
    const created = createDiff(host.current, left, right, label)
    return () => created.dispose()
  }, [left, right, label])
  useEffect(() => setTheme(theme), [theme])
  return <div className="gm-diff" ref={host} data-testid={testId} />
}
