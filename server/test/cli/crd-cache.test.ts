// The parsed CRDs are kept as JSON between runs; a changed CRD file must be read again, and a run
// without a cache folder must write nothing.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { crdFolderLookup, loadCrdFolder } from '../../src/crds/bundled.ts'

const root = mkdtempSync(join(tmpdir(), 'gatemap-crd-cache-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const crd = (kind: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${kind.toLowerCase()}s.gateway.networking.k8s.io
spec:
  group: gateway.networking.k8s.io
  names: {kind: ${kind}, plural: ${kind.toLowerCase()}s}
  scope: Namespaced
  versions: [{name: v1, served: true, storage: true}]
`

describe('the CRD cache', () => {
  const dir = join(root, 'crds')
  const cache = join(root, 'cache')

  it('gives the parsed CRDs again from the cache, and reads a changed file anew', () => {
    const file = join(dir, 'gateway.networking.k8s.io_widgets.yaml')
    mkdir(dir)
    writeFileSync(file, crd('Widget'))
    const first = loadCrdFolder(dir, cache)
    expect(first.crds.map((c) => c.spec.names.kind)).toEqual(['Widget'])
    expect(readdirSync(join(cache, 'gatemap')).filter((f) => f.endsWith('.json'))).toHaveLength(1)
    expect(loadCrdFolder(dir, cache)).toEqual(first)

    writeFileSync(file, crd('Gadget'))
    utimesSync(file, new Date(), new Date(Date.now() + 5_000))
    expect(loadCrdFolder(dir, cache).crds.map((c) => c.spec.names.kind)).toEqual(['Gadget'])
  })

  it('writes nothing without a cache folder', () => {
    const other = join(root, 'untouched')
    mkdir(other)
    writeFileSync(join(other, 'a.yaml'), crd('Widget'))
    expect(loadCrdFolder(other, undefined).crds).toHaveLength(1)
    expect(readdirSync(other)).toEqual(['a.yaml'])
  })
})

describe('the CRD cache by kind (analyze)', () => {
  const dir = join(root, 'by-kind')
  const cache = join(root, 'by-kind-cache')

  it('gives each kind the CRD the whole folder gives, cold and from the kept files, and reads a changed file anew', () => {
    mkdir(dir)
    writeFileSync(join(dir, 'a.yaml'), crd('Widget'))
    writeFileSync(join(dir, 'b.yaml'), crd('Gadget'))
    const whole = loadCrdFolder(dir, undefined)
    expect(whole.crds.map((c) => c.spec.names.kind)).toEqual(['Widget', 'Gadget'])
    const cold = crdFolderLookup(dir, cache)
    const kinds = readdirSync(join(cache, 'gatemap')).filter((f) => f.endsWith('.kinds'))
    expect(kinds).toHaveLength(1)
    const warm = crdFolderLookup(dir, cache)
    for (const lookup of [cold, warm]) {
      expect(lookup.problems).toEqual(whole.problems)
      expect(lookup.crdFor('gateway.networking.k8s.io', 'Widget')).toEqual(whole.crds[0])
      expect(lookup.crdFor('gateway.networking.k8s.io', 'Gadget')).toEqual(whole.crds[1])
      expect(lookup.crdFor('gateway.networking.k8s.io', 'Nothing')).toBeUndefined()
      expect(lookup.crdFor('example.com', 'Widget')).toBeUndefined()
    }

    writeFileSync(join(dir, 'b.yaml'), crd('Gizmo'))
    utimesSync(join(dir, 'b.yaml'), new Date(), new Date(Date.now() + 5_000))
    const changed = crdFolderLookup(dir, cache)
    expect(changed.crdFor('gateway.networking.k8s.io', 'Gadget')).toBeUndefined()
    expect(changed.crdFor('gateway.networking.k8s.io', 'Gizmo')?.spec.names.kind).toBe('Gizmo')
  })

  it('says the folder holds no CRDs, with or without a cache', () => {
    const empty = join(root, 'no-crds')
    mkdir(empty)
    writeFileSync(join(empty, 'a.yaml'), 'kind: ConfigMap\n')
    expect(crdFolderLookup(empty, cache).problems).toEqual(loadCrdFolder(empty, undefined).problems)
    expect(crdFolderLookup(empty, cache).problems).toHaveLength(1)
  })
})

function mkdir(path: string) {
  rmSync(path, { recursive: true, force: true })
  mkdirSync(path, { recursive: true })
}
