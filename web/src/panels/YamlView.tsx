// The object's YAML, read-only, in Monaco. Monaco is a separate chunk loaded the first time this
// tab shows an object, from our own server — never from a CDN. The YAML serialiser travels in that
// chunk too.
import type { KubeObject } from '@gatemap/shared'
import { useEffect, useRef, useState } from 'react'
import type { Theme } from '../app/theme.ts'

type Monaco = typeof import('./monaco.ts')
type Viewer = ReturnType<Monaco['createYamlViewer']>

export function YamlView({ object, theme }: { object: KubeObject | undefined; theme: Theme }) {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<Viewer | undefined>(undefined)
  // The latest props, for the editor created asynchronously after they may have changed.
  const latest = useRef({ object, theme })
  latest.current = { object, theme }
  const [error, setError] = useState<string | undefined>(undefined)
  const hasObject = object !== undefined

  useEffect(() => {
    if (!hasObject) return
    let disposed = false
    import('./monaco.ts')
      .then((m) => {
        if (disposed || !host.current) return
        editor.current = m.createYamlViewer(host.current)
        editor.current.setValue(m.toYaml(latest.current.object))
        m.setTheme(latest.current.theme)
      })
      .catch((e: unknown) => setError(String(e)))
    return () => {
      disposed = true
      editor.current?.dispose()
      editor.current = undefined
    }
  }, [hasObject])

  useEffect(() => {
    if (!editor.current) return
    void import('./monaco.ts').then((m) => {
      const text = m.toYaml(object)
      if (editor.current && editor.current.getValue() !== text) editor.current.setValue(text)
    })
  }, [object])

  useEffect(() => {
    if (editor.current) void import('./monaco.ts').then((m) => m.setTheme(theme))
  }, [theme])

  return (
    <div className="gm-yaml-wrap">
      {error ? <p role="alert">The YAML viewer could not load: {error}</p> : null}
      {hasObject ? (
        <div className="gm-yaml" ref={host} data-testid="yaml" />
      ) : (
        <p className="gm-empty">Select an object that exists to see its YAML.</p>
      )}
    </div>
  )
}
