// Writes through the folder source's Writer, checked on the files' bytes and on the store.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { WireObject } from '@gatemap/shared'
import { describe, expect, it, vi } from 'vitest'
import { WriteError } from '../../src/sources/source.ts'
import { deltas, EXAMPLES_DIR, route, settle, startFolder, tempFolder } from './helpers.ts'

// A seam into the window between the writer's read of a file and its write: armed, the next read
// of the named file runs `run` (an editor saving the file) before its text is handed back.
const afterRead = vi.hoisted(() => ({ file: '', run: undefined as undefined | (() => Promise<void>) }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>()
  const readFile = (async (...args: Parameters<typeof fs.readFile>) => {
    const text = await fs.readFile(...args)
    const run = afterRead.run
    if (run && String(args[0]).endsWith(afterRead.file)) {
      afterRead.run = undefined
      await run()
    }
    return text
  }) as typeof fs.readFile
  return { ...fs, readFile, default: { ...fs, readFile } }
})

const ROUTES = `# Routes for the shop.
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: store   # the storefront
  namespace: shop
  labels: {team: web}
spec:
  parentRefs:
  - name: gw
    sectionName: http
  rules:
  # canary split
  - backendRefs:
    - name: store-v1
      port: 8080
      weight: 90
    - name: store-v2
      port: 8080
      weight: 10
---
# Left alone.
apiVersion: v1
kind: Service
metadata:   {name: store-v1,  namespace: shop}
spec:
  ports: [{port: 8080}]
`

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: one  # first
    namespace: shop
- apiVersion: v1
  kind: Service
  metadata:
    name: two
    namespace: shop
`

const secondDocument = (text: string) => text.slice(text.indexOf('---'))

async function editable(files: Record<string, string> = { 'routes.yaml': ROUTES }) {
  const running = await startFolder(await tempFolder(files))
  const writer = running.source.writer({})
  const read = (file: string) => readFile(join(running.dir, file), 'utf8')
  const current = (kind: string, name: string, namespace: string | undefined = 'shop') => {
    const entry = running.store.get(kind, namespace, name)
    if (!entry) throw new Error(`${kind} ${name} is not in the store`)
    // biome-ignore lint/suspicious/noExplicitAny: the tests reach deep into specs of several kinds
    return structuredClone(entry.object) as WireObject & { spec: Record<string, any> }
  }
  return { ...running, writer, read, current }
}

async function refusal(promise: Promise<unknown>): Promise<WriteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WriteError)
  return error as WriteError
}

describe('FolderWriter', () => {
  it('changes a value in place: comments, order, other documents untouched, one delta', async () => {
    const t = await editable()
    const object = t.current('HTTPRoute', 'store')
    object.spec.rules[0].backendRefs[0].weight = 50
    object.spec.rules[0].backendRefs[1].weight = 50
    const result = await t.writer.apply(object, { dryRun: false })
    expect(result).toMatchObject({ file: 'routes.yaml', created: false })
    expect(await t.read('routes.yaml')).toBe(
      ROUTES.replace('weight: 90', 'weight: 50').replace('weight: 10', 'weight: 50'),
    )
    // The store has it at once, and the watcher's later event adds nothing.
    expect(t.store.get('HTTPRoute', 'shop', 'store')?.object).toEqual(result.object)
    await settle(t)
    expect(deltas(t.events)).toEqual(['modified HTTPRoute/store'])
  })

  it('adds and removes fields keeping comments, key order and the other documents byte for byte', async () => {
    const t = await editable()
    const object = t.current('HTTPRoute', 'store')
    object.spec.hostnames = ['shop.example.com']
    delete object.spec.parentRefs[0].sectionName
    object.spec.rules[0].backendRefs.pop()
    await t.writer.apply(object, { dryRun: false })
    const text = await t.read('routes.yaml')
    expect(secondDocument(text)).toBe(secondDocument(ROUTES))
    for (const comment of ['# Routes for the shop.', '# the storefront', '# canary split']) {
      expect(text).toContain(comment)
    }
    expect(text).not.toContain('sectionName')
    expect(text).not.toContain('store-v2')
    const keys = text.split('\n').filter((line) => /^[a-z]/i.test(line))
    expect(keys.slice(0, 4)).toEqual([
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata:',
      'spec:',
    ])
    expect(text).toContain('  labels: {team: web}\n')
    expect(text.indexOf('parentRefs')).toBeLessThan(text.indexOf('rules'))
    expect(text.indexOf('rules')).toBeLessThan(text.indexOf('hostnames'))
    expect(t.current('HTTPRoute', 'store').spec.hostnames).toEqual(['shop.example.com'])
  })

  it('edits an item of a kind: List in place', async () => {
    const t = await editable({ 'list.yaml': LIST })
    const two = t.current('Service', 'two')
    two.spec = { ports: [{ port: 80 }] }
    await t.writer.apply(two, { dryRun: false })
    const text = await t.read('list.yaml')
    expect(
      text.startsWith(
        LIST.slice(0, LIST.indexOf('- apiVersion: v1\n  kind: Service\n  metadata:\n    name: two')),
      ),
    ).toBe(true)
    expect(text).toContain('name: one  # first')
    expect(t.current('Service', 'two').spec).toEqual({ ports: [{ port: 80 }] })
  })

  it('refuses a stale resourceVersion with 409 and the current object', async () => {
    const t = await editable()
    const stale = t.current('HTTPRoute', 'store')
    const fresh = t.current('HTTPRoute', 'store')
    fresh.spec.rules[0].backendRefs[0].weight = 80
    const written = await t.writer.apply(fresh, { dryRun: false })
    stale.spec.rules[0].backendRefs[0].weight = 70
    const error = await refusal(t.writer.apply(stale, { dryRun: false }))
    expect(error.status).toBe(409)
    expect(error.reason).toBe('Conflict')
    expect(error.message).toContain('routes.yaml:2')
    expect(error.current).toEqual(written.object)
    expect(await t.read('routes.yaml')).toContain('weight: 80')
    // The current version is accepted.
    stale.metadata.resourceVersion = written.object.metadata.resourceVersion
    await t.writer.apply(stale, { dryRun: false })
    expect(await t.read('routes.yaml')).toContain('weight: 70')
  })

  it('sees an edit made outside Gatemap before the watcher does: a stale copy is still a conflict', async () => {
    const t = await editable()
    const copy = t.current('HTTPRoute', 'store')
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(t.dir, 'routes.yaml'), ROUTES.replace('weight: 90', 'weight: 95'))
    copy.spec.rules[0].backendRefs[0].weight = 1
    const error = await refusal(t.writer.apply(copy, { dryRun: false }))
    expect(error.status).toBe(409)
    expect(error.current?.spec).toMatchObject({ rules: [{ backendRefs: [{ weight: 95 }, { weight: 10 }] }] })
  })

  it('two applies from the same version at once: exactly one is written, the other is a 409 with it', async () => {
    for (let round = 0; round < 5; round++) {
      const t = await editable()
      const a = t.current('HTTPRoute', 'store')
      const b = t.current('HTTPRoute', 'store')
      a.spec.rules[0].backendRefs[0].weight = 61
      b.spec.rules[0].backendRefs[0].weight = 62
      const results = await Promise.allSettled([
        t.writer.apply(a, { dryRun: false }),
        t.writer.apply(b, { dryRun: false }),
      ])
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(1)
      const error = lost[0]
      expect(error).toBeInstanceOf(WriteError)
      expect((error as WriteError).status).toBe(409)
      expect((error as WriteError).current).toEqual(won[0]?.object)
      // The file holds the winner's weight, whichever of the two it was.
      const weight = JSON.stringify(won[0]?.object).includes('"weight":61') ? 61 : 62
      expect(await t.read('routes.yaml')).toBe(ROUTES.replace('weight: 90', `weight: ${weight}`))
    }
  })

  it('a file saved outside between the writer reading it and writing it is a 409, never overwritten', async () => {
    const t = await editable()
    const copy = t.current('HTTPRoute', 'store')
    const outside = ROUTES.replace('weight: 90', 'weight: 95')
    const { writeFile } = await import('node:fs/promises')
    afterRead.file = 'routes.yaml'
    afterRead.run = () => writeFile(join(t.dir, 'routes.yaml'), outside)
    copy.spec.rules[0].backendRefs[0].weight = 1
    const error = await refusal(t.writer.apply(copy, { dryRun: false }))
    expect(afterRead.run).toBeUndefined()
    expect(error.status).toBe(409)
    expect(error.reason).toBe('Conflict')
    expect(error.current?.spec).toMatchObject({ rules: [{ backendRefs: [{ weight: 95 }, { weight: 10 }] }] })
    expect(await t.read('routes.yaml')).toBe(outside)
  })

  it('a delete that would remove a file saved outside meanwhile is a 409, and the file stays', async () => {
    const alone = secondDocument(ROUTES).replace('---\n', '')
    const t = await editable({ 'service.yaml': alone })
    const outside = alone.replace('port: 8080', 'port: 8081')
    const { writeFile } = await import('node:fs/promises')
    afterRead.file = 'service.yaml'
    afterRead.run = () => writeFile(join(t.dir, 'service.yaml'), outside)
    const ref = { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'store-v1' }
    const error = await refusal(t.writer.delete(ref, { dryRun: false }))
    expect(error.status).toBe(409)
    expect(error.current?.spec).toEqual({ ports: [{ port: 8081 }] })
    expect(await t.read('service.yaml')).toBe(outside)
  })

  it('puts a new object in a new file named after it, never over an existing file', async () => {
    const t = await editable({ 'httproute-shop-fresh.yaml': '# someone else’s\n' })
    const result = await t.writer.apply(
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'fresh', namespace: 'shop' },
        spec: { parentRefs: [{ name: 'gw' }] },
      },
      { dryRun: false },
    )
    expect(result).toMatchObject({ file: 'httproute-shop-fresh-2.yaml', created: true })
    expect(await t.read('httproute-shop-fresh.yaml')).toBe('# someone else’s\n')
    expect(await t.read('httproute-shop-fresh-2.yaml')).toContain('name: fresh')
    expect(t.store.get('HTTPRoute', 'shop', 'fresh')?.origin).toEqual({
      file: 'httproute-shop-fresh-2.yaml',
      line: 1,
    })
    const created = await t.writer.create(
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'Plain'.toLowerCase() },
        spec: { controllerName: 'x/y' },
      },
      { dryRun: false },
    )
    expect(created.file).toBe('gatewayclass-plain.yaml')
    await settle(t)
    expect(deltas(t.events)).toEqual(['added HTTPRoute/fresh', 'added GatewayClass/plain'])
  })

  it('create refuses an object that exists with 409 AlreadyExists', async () => {
    const t = await editable()
    const error = await refusal(t.writer.create(t.current('HTTPRoute', 'store'), { dryRun: false }))
    expect(error).toMatchObject({ status: 409, reason: 'AlreadyExists' })
    expect(error.message).toContain('routes.yaml:2')
  })

  it('deletes one document, then the file with the last one', async () => {
    const t = await editable()
    await t.writer.delete(
      { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'store-v1' },
      { dryRun: false },
    )
    const text = await t.read('routes.yaml')
    expect(text).toBe(ROUTES.slice(0, ROUTES.indexOf('---')))
    expect(t.store.get('Service', 'shop', 'store-v1')).toBeUndefined()

    const stale = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'store',
    }
    const error = await refusal(
      t.writer.delete({ ...stale, resourceVersion: 'folder-0000000000000000' }, { dryRun: false }),
    )
    expect(error.status).toBe(409)
    const { resourceVersion } = t.current('HTTPRoute', 'store').metadata
    await t.writer.delete({ ...stale, ...(resourceVersion ? { resourceVersion } : {}) }, { dryRun: false })
    expect(await readdir(t.dir)).toEqual([])
    expect(t.store.fileStates()).toEqual([])
    await settle(t)
    expect(deltas(t.events)).toEqual(['deleted Service/store-v1', 'deleted HTTPRoute/store'])
  })

  it('deletes an item of a List, and 404s what is not there', async () => {
    const t = await editable({ 'list.yaml': LIST })
    await t.writer.delete(
      { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'two' },
      { dryRun: false },
    )
    expect(await t.read('list.yaml')).toContain('name: one  # first')
    expect(await t.read('list.yaml')).not.toContain('two')
    const error = await refusal(
      t.writer.delete(
        { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'two' },
        { dryRun: false },
      ),
    )
    expect(error.status).toBe(404)
  })

  it('dry runs validate and answer but write nothing', async () => {
    const t = await editable()
    const before = await stat(join(t.dir, 'routes.yaml'))
    const object = t.current('HTTPRoute', 'store')
    object.spec.hostnames = ['dry.example.com']
    const applied = await t.writer.apply(object, { dryRun: true })
    expect(applied.object.spec).toMatchObject({ hostnames: ['dry.example.com'] })
    expect(applied.object.metadata.resourceVersion).not.toBe(object.metadata.resourceVersion)
    const created = await t.writer.create(
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'new', namespace: 'shop' } },
      { dryRun: true },
    )
    expect(created).toMatchObject({ file: 'service-shop-new.yaml', created: true })
    await t.writer.delete(
      { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'store-v1' },
      { dryRun: true },
    )
    const stale = t.current('HTTPRoute', 'store')
    stale.metadata.resourceVersion = 'folder-0000000000000000'
    expect((await refusal(t.writer.apply(stale, { dryRun: true }))).status).toBe(409)

    const after = await stat(join(t.dir, 'routes.yaml'))
    expect(await t.read('routes.yaml')).toBe(ROUTES)
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(await readdir(t.dir)).toEqual(['routes.yaml'])
    expect(t.events).toEqual([])
  })

  it('refuses every write when read-only, with 403, and still answers dry runs without writing', async () => {
    const dir = await tempFolder({}, EXAMPLES_DIR)
    const { store, source } = await startFolder(dir, true)
    const writer = source.writer({})
    const [entry] = store.all()
    if (!entry) throw new Error('examples are empty')
    for (const write of [
      writer.apply(entry.object, { dryRun: false }),
      writer.create(
        { ...entry.object, metadata: { ...entry.object.metadata, name: 'fresh' } },
        { dryRun: false },
      ),
      writer.delete({ ...entry.object, ...entry.object.metadata }, { dryRun: false }),
    ]) {
      expect((await refusal(write)).status).toBe(403)
    }
    const files = async () => {
      const names = (await readdir(dir, { recursive: true })).filter((n) => /\.ya?ml$/.test(n)).sort()
      return Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')]))
    }
    const before = await files()
    expect((await writer.apply(entry.object, { dryRun: true })).object.metadata.name).toBe(
      entry.object.metadata.name,
    )
    await writer.delete({ ...entry.object, ...entry.object.metadata }, { dryRun: true })
    expect(await writer.get({ ...entry.object, ...entry.object.metadata })).toEqual(entry.object)
    expect(await files()).toEqual(before)
  })

  it('refuses bad names, unknown kinds and a missing name with 422 naming the field', async () => {
    const t = await editable()
    const cases: [WireObject, string][] = [
      [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: '../escape', namespace: 'shop' } },
        'metadata.name',
      ],
      [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ok', namespace: 'a/b' } },
        'metadata.namespace',
      ],
      [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'Upper', namespace: 'shop' } },
        'metadata.name',
      ],
      [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } }, 'kind'],
      [
        { apiVersion: 'gateway.networking.k8s.io/v9', kind: 'HTTPRoute', metadata: { name: 'r' } },
        'apiVersion',
      ],
      [{ apiVersion: 'v1', kind: 'Service', metadata: {} } as WireObject, 'metadata.name'],
      [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, data: { k: 'dg==' } },
        'data',
      ],
    ]
    for (const [object, field] of cases) {
      const error = await refusal(t.writer.apply(object, { dryRun: true }))
      expect(error.status, field).toBe(422)
      expect(error.causes[0]?.field, JSON.stringify(object)).toBe(field)
      expect(error.message).toContain(field)
    }
    expect(await readdir(t.dir)).toEqual(['routes.yaml'])
  })

  it('refuses to write into a file that does not parse, naming its line', async () => {
    const t = await editable({ 'r.yaml': route('r') })
    const object = t.current('HTTPRoute', 'r')
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(t.dir, 'r.yaml'), `${route('r')}  hostnames: [broken\n`)
    await settle(t)
    const error = await refusal(t.writer.apply(object, { dryRun: false }))
    expect(error.status).toBe(409)
    expect(error.message).toMatch(/^r\.yaml:10:1: YAML/)
  })
})
