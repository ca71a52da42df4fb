// A served folder holds what the API server would refuse (a CRD-forbidden hostname, a name that
// breaks its kind's rule): the folder source says so in the file's state, with the line, serves the
// object all the same, and the word goes away when the file is fixed.
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadCrdFolder } from '../../src/crds/bundled.ts'
import { CrdRegistry } from '../../src/crds/registry.ts'
import { FolderSource } from '../../src/sources/folder/index.ts'
import { ResourceStore } from '../../src/store/resource-store.ts'
import { tempFolder, waitFor } from './helpers.ts'

const REPO = join(import.meta.dirname, '..', '..', '..')

const route = (hostname: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: storefront
  namespace: shop
spec:
  hostnames:
    - "${hostname}"
`
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: Web_Frontend
  namespace: shop
spec:
  ports:
    - port: 80
`

let crds: CrdRegistry
beforeAll(() => {
  const dir = execFileSync('bash', [join(REPO, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  }).trim()
  crds = new CrdRegistry()
  for (const crd of loadCrdFolder(dir).crds) crds.set(crd)
}, 200_000)

async function start(dir: string, withCrds: boolean) {
  const store = new ResourceStore()
  const source = new FolderSource({ dir, store, debounceMs: 20, ...(withCrds ? { crds } : {}) })
  await source.start()
  return { store, source }
}

describe('a served folder with objects the API server would refuse', () => {
  it('names them in the file state with their lines, and still serves them', async () => {
    const dir = await tempFolder({ 'route.yaml': route('<img src=x>'), 'svc.yaml': SERVICE })
    const { store, source } = await start(dir, true)
    try {
      const states = new Map(store.fileStates().map((s) => [s.file, s]))
      const routeState = states.get('route.yaml')
      expect(routeState?.state).toBe('ok')
      expect(routeState?.invalid).toHaveLength(1)
      expect(routeState?.invalid?.[0]).toMatchObject({
        kind: 'HTTPRoute',
        namespace: 'shop',
        name: 'storefront',
        path: 'spec.hostnames[0]',
        severity: 'error',
        source: 'schema',
        line: 8,
      })
      expect(states.get('svc.yaml')?.invalid?.[0]).toMatchObject({
        kind: 'Service',
        path: 'metadata.name',
        source: 'metadata',
        line: 4,
      })
      expect(store.get('HTTPRoute', 'shop', 'storefront')).toBeDefined()

      await writeFile(join(dir, 'route.yaml'), route('shop.example.com'))
      await waitFor('the fixed file to be re-read', () =>
        store.fileStates().some((s) => s.file === 'route.yaml' && s.invalid === undefined),
      )
    } finally {
      await source.stop()
    }
  })

  it('checks names without CRDs, and nothing of the schema', async () => {
    const dir = await tempFolder({ 'route.yaml': route('<img src=x>'), 'svc.yaml': SERVICE })
    const { store, source } = await start(dir, false)
    try {
      const states = new Map(store.fileStates().map((s) => [s.file, s]))
      expect(states.get('route.yaml')?.invalid).toBeUndefined()
      expect(states.get('svc.yaml')?.invalid?.[0]?.path).toBe('metadata.name')
    } finally {
      await source.stop()
    }
  })
})
