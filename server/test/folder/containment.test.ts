// The folder's boundary, on real folders with real links: nothing outside the folder's real path is
// read through a folder link or written through any link, loops end, linked files stay links, and
// temporary files of a killed write are gone after the next start.
import { lstat, mkdir, readFile, readlink, rename, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { WireObject } from '@gatemap/shared'
import { describe, expect, it } from 'vitest'
import { WriteError } from '../../src/sources/source.ts'
import { route, startFolder, tempFolder } from './helpers.ts'

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: svc
  namespace: shop
spec:
  ports: [{port: 80}]
`

async function refusal(promise: Promise<unknown>): Promise<WriteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WriteError)
  return error as WriteError
}

const linkStates = (states: { file: string; state: string; error?: { message: string } }[]) =>
  states.filter((s) => /not followed/.test(s.error?.message ?? '')).map((s) => [s.file, s.error?.message])

describe('links to folders', () => {
  it('a link to a folder outside is not followed, said once naming it, and a write never reaches it', async () => {
    const outside = await tempFolder({ 'svc.yaml': SERVICE })
    const dir = await tempFolder({ 'route.yaml': route('web') })
    await symlink(outside, join(dir, 'linkdir'))
    const running = await startFolder(dir)
    expect(running.store.get('Service', 'shop', 'svc')).toBeUndefined()
    expect(running.store.get('HTTPRoute', 'shop', 'web')).toBeDefined()
    expect(linkStates(running.store.fileStates())).toEqual([
      ['linkdir', 'a link to a folder outside the served folder; not followed'],
    ])
    const object = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc', namespace: 'shop' },
    } as WireObject
    const result = await running.source
      .writer({})
      .apply({ ...object, spec: { ports: [{ port: 81 }] } }, { dryRun: false })
    // Not held, so it is a new object: a new file in the folder itself.
    expect(result.file).toBe('service-shop-svc.yaml')
    expect(await readFile(join(outside, 'svc.yaml'), 'utf8')).toBe(SERVICE)
  })

  it('refuses to write or delete through a folder swapped for a link that leaves, and leaves the outside alone', async () => {
    const outside = await tempFolder({ 'svc.yaml': SERVICE })
    const dir = await tempFolder()
    await mkdir(join(dir, 'sub'))
    await writeFile(join(dir, 'sub', 'svc.yaml'), SERVICE)
    const running = await startFolder(dir)
    const held = structuredClone(running.store.get('Service', 'shop', 'svc')?.object)
    expect(held).toBeDefined()
    // Stopped, so the watcher cannot forget the object before the write is tried.
    await running.source.stop()
    await rename(join(dir, 'sub'), join(dir, 'was-sub'))
    await symlink(outside, join(dir, 'sub'))
    const writer = running.source.writer({})
    const changed = { ...held, spec: { ports: [{ port: 81 }] } } as WireObject
    const apply = await refusal(writer.apply(changed, { dryRun: false }))
    expect([apply.status, apply.reason]).toEqual([403, 'Forbidden'])
    expect(apply.message).toBe(
      'sub/svc.yaml leads outside the served folder through a link; Gatemap writes only inside the folder',
    )
    const remove = await refusal(
      writer.delete({ apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'svc' }, { dryRun: false }),
    )
    expect(remove.status).toBe(403)
    expect(await readFile(join(outside, 'svc.yaml'), 'utf8')).toBe(SERVICE)
  })

  it('a link back to the folder (a loop) is not followed: one file stays one file', async () => {
    const dir = await tempFolder({ 'route.yaml': route('web') })
    await symlink('.', join(dir, 'loop'))
    const running = await startFolder(dir)
    expect(
      running.store
        .fileStates()
        .map((s) => s.file)
        .sort(),
    ).toEqual(['loop', 'route.yaml'])
    expect(linkStates(running.store.fileStates())).toEqual([
      ['loop', 'a link back to ., which contains it (a loop); not followed'],
    ])
    expect(running.store.size).toBe(1)
  })

  it('a loop through two links is found where it closes', async () => {
    const dir = await tempFolder()
    await mkdir(join(dir, 'a'))
    await mkdir(join(dir, 'b'))
    await writeFile(join(dir, 'a', 'x.yaml'), route('x'))
    await writeFile(join(dir, 'b', 'y.yaml'), route('y'))
    await symlink('../b', join(dir, 'a', 'to-b'))
    await symlink('../a', join(dir, 'b', 'to-a'))
    const running = await startFolder(dir)
    // Each link inside is followed once; the step that would come back is the loop.
    expect(
      running.store
        .fileStates()
        .map((s) => s.file)
        .sort(),
    ).toEqual(['a/to-b/to-a', 'a/to-b/y.yaml', 'a/x.yaml', 'b/to-a/to-b', 'b/to-a/x.yaml', 'b/y.yaml'])
    expect(linkStates(running.store.fileStates())).toEqual(
      expect.arrayContaining([
        ['a/to-b/to-a', 'a link back to a, which contains it (a loop); not followed'],
        ['b/to-a/to-b', 'a link back to b, which contains it (a loop); not followed'],
      ]),
    )
    expect(running.store.size).toBe(2)
  })
})

describe('linked files', () => {
  it('a write to a file that is a link inside the folder goes to its target, and the link stays a link', async () => {
    const dir = await tempFolder()
    await mkdir(join(dir, 'real'))
    await writeFile(join(dir, 'real', 'web.yaml'), route('web'))
    await symlink('real/web.yaml', join(dir, 'a-link.yaml'))
    const running = await startFolder(dir)
    const held = structuredClone(running.store.get('HTTPRoute', 'shop', 'web')?.object) as WireObject
    const result = await running.source
      .writer({})
      .apply({ ...held, spec: { parentRefs: [{ name: 'gw2' }] } }, { dryRun: false })
    expect(result.file).toBe('a-link.yaml')
    expect((await lstat(join(dir, 'a-link.yaml'))).isSymbolicLink()).toBe(true)
    expect(await readlink(join(dir, 'a-link.yaml'))).toBe('real/web.yaml')
    expect(await readFile(join(dir, 'real', 'web.yaml'), 'utf8')).toContain('name: gw2')
  })

  it('deleting the last object of a linked file empties its target and keeps the link', async () => {
    const dir = await tempFolder()
    await mkdir(join(dir, 'real'))
    await writeFile(join(dir, 'real', 'web.yaml'), `# kept\n${route('web')}`)
    await symlink('real/web.yaml', join(dir, 'a-link.yaml'))
    const running = await startFolder(dir)
    await running.source
      .writer({})
      .delete(
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespace: 'shop', name: 'web' },
        { dryRun: false },
      )
    expect((await lstat(join(dir, 'a-link.yaml'))).isSymbolicLink()).toBe(true)
    expect(await readFile(join(dir, 'real', 'web.yaml'), 'utf8')).not.toContain('kind: HTTPRoute')
  })

  it('a file linked to a target outside is read, and writing it is refused with the reason', async () => {
    const outside = await tempFolder({ 'ext.yaml': route('ext') })
    const dir = await tempFolder()
    await symlink(join(outside, 'ext.yaml'), join(dir, 'ext.yaml'))
    const running = await startFolder(dir)
    const held = structuredClone(running.store.get('HTTPRoute', 'shop', 'ext')?.object) as WireObject
    expect(held).toBeDefined()
    const error = await refusal(
      running.source
        .writer({})
        .apply({ ...held, spec: { parentRefs: [{ name: 'other' }] } }, { dryRun: false }),
    )
    expect([error.status, error.message]).toEqual([
      403,
      'ext.yaml leads outside the served folder through a link; Gatemap writes only inside the folder',
    ])
    expect(await readFile(join(outside, 'ext.yaml'), 'utf8')).toBe(route('ext'))
    expect((await lstat(join(dir, 'ext.yaml'))).isSymbolicLink()).toBe(true)
  })
})

describe('temporary files of a killed write', () => {
  const files = {
    'route.yaml': route('web'),
    '.gatemap-0123456789ab.tmp': 'half a write',
    '.gatemap-notes.tmp': 'not ours: the name does not match',
  }

  it('are removed on the next start, in subfolders too; other hidden files stay', async () => {
    const dir = await tempFolder(files)
    await mkdir(join(dir, 'sub'))
    await writeFile(join(dir, 'sub', '.gatemap-ba9876543210.tmp'), 'half')
    await startFolder(dir)
    const exists = (path: string) =>
      lstat(join(dir, path)).then(
        () => true,
        () => false,
      )
    expect(await exists('.gatemap-0123456789ab.tmp')).toBe(false)
    expect(await exists('sub/.gatemap-ba9876543210.tmp')).toBe(false)
    expect(await exists('.gatemap-notes.tmp')).toBe(true)
    expect(await exists('route.yaml')).toBe(true)
  })

  it('are left alone when the folder is served read-only', async () => {
    const dir = await tempFolder(files)
    await startFolder(dir, true)
    expect((await lstat(join(dir, '.gatemap-0123456789ab.tmp'))).isFile()).toBe(true)
  })
})
