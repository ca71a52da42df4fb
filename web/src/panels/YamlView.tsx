// The object's YAML, read-only, in Monaco. Monaco is a separate chunk loaded the first time this
// tab opens, from our own server — never from a CDN. The YAML serialiser travels in that chunk too.
import type { KubeObject } from '@gatemap/shared'
import { useEffect, useRef, useState } from 'react'
import type { Theme } from '../app/theme.ts'

type Monaco = typeof import('./monaco.ts')

export function YamlView({ object, theme }: { object: KubeObject | undefined; theme: Theme }) {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<ReturnType<Monaco['createYamlViewer']> | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)

  // Created once; later text and theme changes are applied by the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let disposed = false
    import('./monaco.ts')
      .then((m) => {
        if (disposed || !host.current) return
        editor.current = m.createYamlViewer(host.current)
        editor.current.setValue(m.toYaml(object))
        m.setTheme(theme)
      })
      .catch((e: unknown) => setError(String(e)))
    return () => {
      disposed = true
      editor.current?.dispose()
      editor.current = undefined
    }
  }, [])

  useEffect(() => {
    void import('./monaco.ts').then((m) => {
      const text = m.toYaml(object)
      if (editor.current && editor.current.getValue() !== text) editor.current.setValue(text)
    })
  }, [object])

  useEffect(() => {
    void import('./monaco.ts').then((m) => m.setTheme(theme))
  }, [theme])

  return (
    <div className="gm-yaml-wrap">
      {error ? <p role="alert">The YAML viewer could not load: {error}</p> : null}
      {object ? null : <p className="gm-empty">Select an object that exists to see its YAML.</p>}
      <div className="gm-yaml" hidden={!object} ref={host} data-testid="yaml" />
    </div>
  )
}
