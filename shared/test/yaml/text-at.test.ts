import { describe, expect, it } from 'vitest'
import { parseManifests } from '../../src/loader/parse.ts'
import { findSite, parseFile, textAt } from '../../src/yaml/edit.ts'

const FILE = `# The shop's routes.
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: first # the old one
---
# Second: keeps its own comment.
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: second
spec:
  hostnames: [a.example.com] # flow style kept
# after the object, before the next marker
---
kind: List
apiVersion: v1
items:
  # about the item
  - apiVersion: gateway.networking.k8s.io/v1
    kind: HTTPRoute
    metadata:
      name: third # in a list
    spec:
      hostnames:
        - b.example.com
...
`

function textOf(name: string): string {
  const loaded = parseManifests(FILE, 'routes.yaml').objects.find((o) => o.object.metadata.name === name)
  if (!loaded) throw new Error(`no ${name}`)
  const file = parseFile(FILE)
  const site = findSite(file, loaded.source.line, loaded.source.column)
  if (!site) throw new Error(`no site for ${name}`)
  return textAt(file, site)
}

describe('textAt: an object as its file writes it', () => {
  it('gives the first document with the comments before it', () => {
    expect(textOf('first')).toBe(
      "# The shop's routes.\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: first # the old one\n",
    )
  })

  it('gives a later document without its --- line, with its own comments and style', () => {
    const text = textOf('second')
    expect(text.startsWith('# Second: keeps its own comment.\napiVersion:')).toBe(true)
    expect(text).toContain('hostnames: [a.example.com] # flow style kept')
    expect(text).toContain('# after the object, before the next marker')
    expect(text).not.toContain('---')
    expect(text).not.toContain('kind: List')
  })

  it('gives a List item moved to column 1, and it reads back as the same object', () => {
    const text = textOf('third')
    expect(text).toBe(
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: third # in a list\nspec:\n  hostnames:\n    - b.example.com\n',
    )
    const again = parseManifests(text, 'item.yaml').objects[0]?.object
    const original = parseManifests(FILE, 'routes.yaml').objects.find(
      (o) => o.object.metadata.name === 'third',
    )
    expect(again).toEqual(original?.object)
  })

  it('reads back as the same object for every document', () => {
    for (const name of ['first', 'second']) {
      const again = parseManifests(textOf(name), 'one.yaml')
      expect(again.problems).toEqual([])
      const original = parseManifests(FILE, 'routes.yaml').objects.find(
        (o) => o.object.metadata.name === name,
      )
      expect(again.objects.map((o) => o.object)).toEqual([original?.object])
    }
  })
})
