import { describe, expect, it } from 'vitest'
import {
  type Draft,
  type DraftRef,
  type DraftStorage,
  DraftStore,
  draftKey,
} from '../../src/editor/drafts.ts'

/** Web Storage over a Map; `quota` (in characters of keys and values) makes setItem fail as browsers do. */
class FakeStorage implements DraftStorage {
  readonly items = new Map<string, string>()
  readonly quota: number
  constructor(quota = Number.POSITIVE_INFINITY) {
    this.quota = quota
  }
  get length(): number {
    return this.items.size
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length
    if (used > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    this.items.set(key, value)
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
}

const routeRef = (name: string, namespace: string | undefined = 'web'): DraftRef => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  ...(namespace === undefined ? {} : { namespace }),
  name,
})

function draft(name: string, savedAt: number, extra: Partial<Draft> = {}): Draft {
  const ref = extra.ref ?? routeRef(name)
  return {
    v: 1,
    key: draftKey(ref),
    ref,
    isNew: false,
    base: { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name, resourceVersion: '7' } },
    baseResourceVersion: '7',
    text: `# mine\napiVersion: ${ref.apiVersion}\nkind: ${ref.kind}\nmetadata:\n  name: ${name}\n`,
    view: 'yaml',
    savedAt,
    ...extra,
  }
}

function setup(quota?: number) {
  const storage = new FakeStorage(quota)
  const dropped: string[] = []
  const store = new DraftStore(storage, { onDropped: (key, reason) => dropped.push(`${key}: ${reason}`) })
  return { storage, store, dropped }
}

describe('draftKey', () => {
  it('names kind, namespace and name', () => {
    expect(draftKey(routeRef('shop'))).toBe('gatemap.draft.HTTPRoute.web.shop')
    expect(draftKey({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', name: 'eg' })).toBe(
      'gatemap.draft.GatewayClass._.eg',
    )
  })

  it('keeps names with dots apart from other namespace/name splits', () => {
    const dotted = draftKey(routeRef('shop.example.com'))
    expect(dotted).toBe('gatemap.draft.HTTPRoute.web.shop%2Eexample%2Ecom')
    expect(dotted.split('.')).toHaveLength(5)
    expect(draftKey(routeRef('b.c', 'a'))).not.toBe(draftKey(routeRef('c', 'a.b')))
    expect(draftKey(routeRef('x', '_'))).not.toBe(draftKey(routeRef('x', undefined)))
  })
})

describe('DraftStore', () => {
  it('loads what it saved', () => {
    const { store, storage } = setup()
    const saved = draft('shop', 1000, { view: 'form' })
    expect(store.save(saved)).toEqual({ ok: true })
    expect(storage.items.has('gatemap.draft.HTTPRoute.web.shop')).toBe(true)
    expect(store.load(saved.key)).toEqual(saved)
  })

  it('round-trips a new object (null base, no resourceVersion) in a cluster-scoped kind', () => {
    const { store } = setup()
    const ref = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', name: 'eg' }
    const created: Draft = { ...draft('eg', 5, { ref }), isNew: true, base: null }
    delete created.baseResourceVersion
    expect(store.save(created)).toEqual({ ok: true })
    expect(store.load(created.key)).toEqual(created)
  })

  it('round-trips names with dots', () => {
    const { store } = setup()
    const saved = draft('shop.example.com', 1)
    store.save(saved)
    expect(store.load(draftKey(routeRef('shop.example.com')))?.ref.name).toBe('shop.example.com')
    expect(store.list().map((d) => d.ref.name)).toEqual(['shop.example.com'])
  })

  it('gives undefined for a key with no draft, reporting nothing', () => {
    const { store, dropped } = setup()
    expect(store.load('gatemap.draft.HTTPRoute.web.none')).toBeUndefined()
    expect(dropped).toEqual([])
  })

  it('overwrites the earlier draft of the same object', () => {
    const { store } = setup()
    store.save(draft('shop', 1, { text: 'old' }))
    store.save(draft('shop', 2, { text: 'new' }))
    expect(store.list().map((d) => d.text)).toEqual(['new'])
  })

  it('lists drafts newest first and ignores other keys', () => {
    const { store, storage } = setup()
    storage.setItem('gatemap.theme', 'dark')
    store.save(draft('a', 200))
    store.save(draft('b', 300))
    store.save(draft('c', 100))
    expect(store.list().map((d) => d.ref.name)).toEqual(['b', 'a', 'c'])
    expect(storage.getItem('gatemap.theme')).toBe('dark')
  })

  it('discards a draft', () => {
    const { store } = setup()
    const a = draft('a', 1)
    store.save(a)
    store.save(draft('b', 2))
    store.discard(a.key)
    expect(store.load(a.key)).toBeUndefined()
    expect(store.list().map((d) => d.ref.name)).toEqual(['b'])
    expect(() => store.discard(a.key)).not.toThrow()
  })

  it.each([
    { name: 'corrupt JSON', stored: '{"v":1,', reason: /not JSON/ },
    { name: 'a wrong format version', stored: JSON.stringify({ ...draft('x', 1), v: 2 }), reason: /\bv\b/ },
    {
      name: 'a missing field',
      stored: JSON.stringify({ ...draft('x', 1), text: undefined }),
      reason: /text/,
    },
    {
      name: 'an unknown view',
      stored: JSON.stringify({ ...draft('x', 1), view: 'diff' }),
      reason: /view/,
    },
    {
      name: 'a draft made for another object',
      stored: JSON.stringify(draft('other', 1)),
      reason: /made for gatemap\.draft\.HTTPRoute\.web\.other/,
    },
  ])('drops and reports $name without throwing', ({ stored, reason }) => {
    const { store, storage, dropped } = setup()
    const key = draftKey(routeRef('x'))
    storage.setItem(key, stored)
    store.save(draft('good', 1))
    expect(store.load(key)).toBeUndefined()
    expect(storage.items.has(key)).toBe(false)
    expect(dropped).toHaveLength(1)
    expect(dropped[0]).toMatch(reason)
    expect(dropped[0]?.startsWith(`${key}: `)).toBe(true)
  })

  it('lists only the readable drafts, removing the others', () => {
    const { store, storage, dropped } = setup()
    store.save(draft('a', 1))
    storage.setItem(draftKey(routeRef('bad1')), 'nope')
    store.save(draft('b', 2))
    storage.setItem(draftKey(routeRef('bad2')), '{}')
    expect(store.list().map((d) => d.ref.name)).toEqual(['b', 'a'])
    expect(dropped).toHaveLength(2)
    expect(storage.items.size).toBe(2)
  })

  it('returns a reason instead of throwing when the storage is full, keeping the other drafts', () => {
    const { store } = setup(1200)
    expect(store.save(draft('a', 1))).toEqual({ ok: true })
    const big = draft('b', 2, { text: 'x'.repeat(2000) })
    const result = store.save(big)
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.reason).toMatch(/storage is full/)
    expect(store.list().map((d) => d.ref.name)).toEqual(['a'])
  })

  it('returns other storage failures as a reason', () => {
    const storage = new FakeStorage()
    storage.setItem = () => {
      throw new Error('storage disabled')
    }
    expect(new DraftStore(storage).save(draft('a', 1))).toEqual({
      ok: false,
      reason: 'The draft could not be saved: storage disabled',
    })
  })

  it('refuses to save a malformed draft', () => {
    const { store, storage } = setup()
    const result = store.save({ ...draft('a', 1), key: 'gatemap.draft.HTTPRoute.web.b' })
    expect(result).toEqual({ ok: false, reason: 'The draft is malformed: key: key does not match ref' })
    expect(storage.items.size).toBe(0)
  })

  it('reports a storage that cannot be read instead of throwing', () => {
    const storage = new FakeStorage()
    storage.getItem = () => {
      throw new DOMException('denied', 'SecurityError')
    }
    const dropped: string[] = []
    const store = new DraftStore(storage, { onDropped: (_key, reason) => dropped.push(reason) })
    expect(store.load('gatemap.draft.HTTPRoute.web.a')).toBeUndefined()
    expect(dropped).toEqual(['storage could not be read: denied'])
  })
})
