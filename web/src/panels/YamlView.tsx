// The object's YAML, read-only, in Monaco. In folder mode it is the object's own text in its file,
// comments included (what Edit starts from and what the person will find on disk); from a cluster
// it is the object serialised. Monaco is a separate chunk loaded the first time this tab shows an
// object, from our own server — never from a CDN. The YAML serialiser travels in that chunk too.
import type { KubeObject, Origin } from '@gatemap/shared'
import { useEffect, useRef, useState } from 'react'
import type { Theme } from '../app/theme.ts'
import { fetchSourceText } from './source-text.ts'
import './yaml-view.css'

type Monaco = typeof import('./monaco.ts')
type Viewer = ReturnType<Monaco['createYamlViewer']>

/** The file's text for one version of one object, or why it could not be read. */
type FileText = { version: string; text: string } | { version: string; problem: string }

const versionOf = (object: KubeObject) =>
  `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}@${object.metadata.resourceVersion ?? ''}`

export function YamlView({
  object,
  origin,
  theme,
}: {
  object: KubeObject | undefined
  /** Where the object is written (folder mode); absent for a cluster's objects. */
  origin?: Origin | undefined
  theme: Theme
}) {
  const host = useRef<HTMLDivElement>(null)
  const [viewer, setViewer] = useState<{ monaco: Monaco; editor: Viewer } | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const [fileText, setFileText] = useState<FileText | undefined>(undefined)
  const hasObject = object !== undefined
  const fromFile = origin !== undefined
  const version = object ? versionOf(object) : undefined

  useEffect(() => {
    if (!hasObject) return
    let disposed = false
    let created: Viewer | undefined
    import('./monaco.ts')
      .then((m) => {
        if (disposed || !host.current) return
        created = m.createYamlViewer(host.current)
        setViewer({ monaco: m, editor: created })
      })
      .catch((e: unknown) => setError(String(e)))
    return () => {
      disposed = true
      created?.dispose()
      setViewer(undefined)
    }
  }, [hasObject])

  // Each version of the object is read from its file once; a newer one replaces an older answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` names the object read
  useEffect(() => {
    if (!fromFile || !object || !version) return
    let live = true
    void fetchSourceText(object).then((answer) => {
      if (!live) return
      setFileText(answer.ok ? { version, text: answer.value.text } : { version, problem: answer.message })
    })
    return () => {
      live = false
    }
  }, [fromFile, version])

  const current = fileText?.version === version ? fileText : undefined
  const problem = current && 'problem' in current ? current.problem : undefined
  // From a file, nothing is shown until its text is here: the serialised object would lack comments.
  const text = !viewer
    ? undefined
    : fromFile && current && 'text' in current
      ? current.text
      : fromFile && !problem
        ? undefined
        : viewer.monaco.toYaml(object)

  useEffect(() => {
    if (viewer && text !== undefined && viewer.editor.getValue() !== text) viewer.editor.setValue(text)
  }, [viewer, text])

  useEffect(() => {
    viewer?.monaco.setTheme(theme)
  }, [viewer, theme])

  return (
    <div className="gm-yaml-wrap">
      {error ? <p role="alert">The YAML viewer could not load: {error}</p> : null}
      {hasObject && origin ? (
        <p className="gm-muted gm-yaml-origin" data-testid="yaml-origin">
          {problem
            ? `${origin.file} could not be read (${problem}); this is the object without the file's comments.`
            : `As written in ${origin.file}, line ${origin.line}, comments included.`}
        </p>
      ) : null}
      {hasObject ? (
        <div className="gm-yaml" ref={host} data-testid="yaml" />
      ) : (
        <p className="gm-empty">Select an object that exists to see its YAML.</p>
      )}
    </div>
  )
}
