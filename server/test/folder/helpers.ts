// Real temporary folders, a started FolderSource on them, and waiting for conditions instead of
// sleeping: file events arrive when the kernel delivers them.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StreamEvent } from '@gatemap/shared'
import { afterEach } from 'vitest'
import { FolderSource } from '../../src/sources/folder/index.ts'
import { ResourceStore } from '../../src/store/resource-store.ts'

export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', '..', 'examples')

const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

export async function tempFolder(files: Record<string, string> = {}, copyFrom?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gatemap-folder-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  if (copyFrom) await cp(copyFrom, dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

export interface Running {
  dir: string
  store: ResourceStore
  source: FolderSource
  /** Every event the store emitted since start() resolved. */
  events: StreamEvent[]
}

export async function startFolder(dir: string, readOnly = false): Promise<Running> {
  const store = new ResourceStore()
  const source = new FolderSource({ dir, store, readOnly, debounceMs: 20 })
  cleanups.push(() => source.stop())
  await source.start()
  const events: StreamEvent[] = []
  store.subscribe((event) => events.push(event))
  return { dir, store, source, events }
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Lets the watcher deliver whatever a write caused: waits until a marker file written after it has
 * been seen, since events for one folder arrive in order.
 */
export async function settle(running: Running): Promise<void> {
  const marker = `zz-settle-${Math.random().toString(36).slice(2)}.yaml`
  await writeFile(join(running.dir, marker), '')
  await waitFor(`${marker} to be seen`, () => running.store.fileStates().some((f) => f.file === marker))
  await rm(join(running.dir, marker))
  await waitFor(`${marker} to be forgotten`, () => !running.store.fileStates().some((f) => f.file === marker))
}

export const deltas = (events: StreamEvent[]) =>
  events.flatMap((e) => (e.type === 'delta' ? [`${e.op} ${e.object.kind}/${e.object.metadata.name}`] : []))

export const route = (name: string, extra = '') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: shop
spec:
  parentRefs:
  - name: gw
${extra}`
