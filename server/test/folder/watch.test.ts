// Reading a folder and following edits made outside Gatemap, with real files and real fs events.
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deltas, EXAMPLES_DIR, route, startFolder, tempFolder, waitFor } from './helpers.ts'

describe('FolderSource reading', () => {
  it('loads the bundled examples with no file errors, origins relative to the folder', async () => {
    const { store, source } = await startFolder(EXAMPLES_DIR, true)
    expect(source.ready()).toBe(true)
    expect(source.info).toEqual({ mode: 'folder', name: EXAMPLES_DIR, readOnly: true })
    const files = store.fileStates()
    expect(files.length).toBeGreaterThan(10)
    expect(files.filter((f) => f.state !== 'ok')).toEqual([])
    const gateway =
      store.get('Gateway', 'infra', 'shared-gateway') ??
      [...store.all()].find((e) => e.object.kind === 'Gateway')
    expect(gateway?.origin?.file).toMatch(/^[a-z-]+\/[a-z0-9-]+\.yaml$/)
    expect(gateway?.origin?.line).toBeGreaterThan(0)
    for (const entry of store.all()) {
      expect(entry.object.metadata.resourceVersion).toMatch(/^folder-[0-9a-f]{16}$/)
      if (entry.object.kind === 'Secret') {
        expect(entry.object.data).toBeUndefined()
        expect(entry.object.stringData).toBeUndefined()
      }
    }
  })

  it('gives every object its line and a content-derived resourceVersion', async () => {
    const dir = await tempFolder({ 'routes.yaml': `${route('a')}---\n${route('b')}` })
    const { store } = await startFolder(dir)
    expect(store.get('HTTPRoute', 'shop', 'a')?.origin).toEqual({ file: 'routes.yaml', line: 1 })
    expect(store.get('HTTPRoute', 'shop', 'b')?.origin).toEqual({ file: 'routes.yaml', line: 10 })
    const a = store.get('HTTPRoute', 'shop', 'a')?.object.metadata.resourceVersion
    const b = store.get('HTTPRoute', 'shop', 'b')?.object.metadata.resourceVersion
    expect(a).not.toEqual(b)
    expect(store.fileStates()).toEqual([{ file: 'routes.yaml', state: 'ok', objects: 2 }])
  })

  it('keeps a file’s objects while a writer truncates it and pauses before writing, drops them if it stays empty', async () => {
    const dir = await tempFolder({ 'routes.yaml': `${route('a')}---\n${route('b')}` })
    const running = await startFolder(dir)
    const { store } = running
    const path = join(dir, 'routes.yaml')
    // A truncate, then the text 150 ms later: longer than the quiet window (60 ms), so a re-read
    // falls between them. The objects never leave the store meanwhile.
    await writeFile(path, '')
    let lost = false
    const watching = setInterval(() => {
      if (!store.get('HTTPRoute', 'shop', 'b')) lost = true
    }, 5)
    await new Promise((resolve) => setTimeout(resolve, 150))
    await writeFile(path, `${route('a')}---\n${route('b', '  hostnames: [b.example.com]\n')}`)
    await waitFor('the new text of b', () =>
      JSON.stringify(store.get('HTTPRoute', 'shop', 'b')?.object).includes('b.example.com'),
    )
    clearInterval(watching)
    expect(lost).toBe(false)
    expect(deltas(running.events).filter((d) => d.startsWith('deleted'))).toEqual([])
    // Emptied for good: after a few quiet windows it is taken as it is.
    await writeFile(path, '')
    await waitFor('the emptied file to drop its objects', () => !store.get('HTTPRoute', 'shop', 'a'))
    expect(store.get('HTTPRoute', 'shop', 'b')).toBeUndefined()
  })

  it('streams an edit, a new file and a deleted file as deltas', async () => {
    const dir = await tempFolder({ 'a.yaml': route('a') })
    const running = await startFolder(dir)
    const { store, events } = running
    const before = store.get('HTTPRoute', 'shop', 'a')?.object.metadata.resourceVersion

    await writeFile(join(dir, 'a.yaml'), route('a', '  hostnames: [a.example.com]\n'))
    await waitFor(
      'the edit',
      () => store.get('HTTPRoute', 'shop', 'a')?.object.metadata.resourceVersion !== before,
    )
    expect(store.get('HTTPRoute', 'shop', 'a')?.object.spec).toMatchObject({ hostnames: ['a.example.com'] })

    await mkdir(join(dir, 'team'))
    await writeFile(join(dir, 'team', 'b.yaml'), route('b'))
    await waitFor('the new file', () => store.get('HTTPRoute', 'shop', 'b') !== undefined)
    expect(store.get('HTTPRoute', 'shop', 'b')?.origin).toEqual({ file: join('team', 'b.yaml'), line: 1 })

    await rm(join(dir, 'a.yaml'))
    await waitFor('the deletion', () => store.get('HTTPRoute', 'shop', 'a') === undefined)
    expect(deltas(events)).toEqual(['modified HTTPRoute/a', 'added HTTPRoute/b', 'deleted HTTPRoute/a'])
    expect(store.fileStates().map((f) => f.file)).toEqual([join('team', 'b.yaml')])
    const removal = events.find((e) => e.type === 'file-state' && e.removed)
    expect(removal).toMatchObject({ state: { file: 'a.yaml' }, removed: true })
  })

  it('keeps a broken file’s last good objects, reports where it broke, and recovers', async () => {
    const dir = await tempFolder({ 'r.yaml': route('r') })
    const { store, events } = await startFolder(dir)
    const good = store.get('HTTPRoute', 'shop', 'r')

    await writeFile(join(dir, 'r.yaml'), `${route('r')}  hostnames: [unclosed\n`)
    await waitFor('the error', () => store.fileStates()[0]?.state === 'error')
    const broken = store.fileStates()[0]
    expect(broken?.error?.message).toMatch(/YAML/)
    expect(broken?.error?.line).toBeGreaterThanOrEqual(8)
    expect(broken?.error?.column).toBeGreaterThan(0)
    expect(broken?.objects).toBe(1)
    expect(store.get('HTTPRoute', 'shop', 'r')).toEqual(good)
    expect(deltas(events)).toEqual([])

    await writeFile(join(dir, 'r.yaml'), route('r', '  hostnames: [fixed.example.com]\n'))
    await waitFor('the recovery', () => store.fileStates()[0]?.state === 'ok')
    expect(store.fileStates()[0]).toEqual({ file: 'r.yaml', state: 'ok', objects: 1 })
    expect(store.get('HTTPRoute', 'shop', 'r')?.object.spec).toMatchObject({
      hostnames: ['fixed.example.com'],
    })
    expect(deltas(events)).toEqual(['modified HTTPRoute/r'])
  })

  it('collapses identical copies across files and reports differing ones, keeping the first', async () => {
    const dir = await tempFolder({ 'a.yaml': route('r'), 'b.yaml': route('r') })
    const { store, events } = await startFolder(dir)
    expect(store.fileStates().every((f) => f.state === 'ok')).toBe(true)

    await writeFile(join(dir, 'b.yaml'), route('r', '  hostnames: [other.example.com]\n'))
    await waitFor(
      'the duplicate error',
      () => store.fileStates().find((f) => f.file === 'b.yaml')?.state === 'error',
    )
    const b = store.fileStates().find((f) => f.file === 'b.yaml')
    expect(b?.error).toEqual({
      message:
        'HTTPRoute shop/r is also defined at a.yaml:1 with different content; the first definition is used',
      line: 1,
      column: 1,
    })
    expect(store.get('HTTPRoute', 'shop', 'r')?.origin?.file).toBe('a.yaml')
    expect(store.get('HTTPRoute', 'shop', 'r')?.object.spec).not.toHaveProperty('hostnames')

    // With the first copy gone, the second one is shown and is no longer a conflict.
    await rm(join(dir, 'a.yaml'))
    await waitFor('b to take over', () => store.get('HTTPRoute', 'shop', 'r')?.origin?.file === 'b.yaml')
    expect(store.fileStates()).toEqual([{ file: 'b.yaml', state: 'ok', objects: 1 }])
    expect(deltas(events)).toEqual(['modified HTTPRoute/r'])
  })

  it('does not lose a save that follows the previous one within chokidar’s change window', async () => {
    const dir = await tempFolder({ 'r.yaml': route('r') })
    const { store } = await startFolder(dir)
    const hostnames = () =>
      (store.get('HTTPRoute', 'shop', 'r')?.object.spec as { hostnames?: string[] } | undefined)?.hostnames
    for (const host of ['first', 'second', 'third']) {
      await writeFile(join(dir, 'r.yaml'), route('r', `  hostnames: [${host}.example.com]\n`))
      await waitFor(`the ${host} save`, () => hostnames()?.[0] === `${host}.example.com`)
    }
  })

  it('stops following the folder once stopped', async () => {
    const dir = await tempFolder({ 'r.yaml': route('r') })
    const stopped = await startFolder(dir)
    const witness = await startFolder(dir)
    await stopped.source.stop()
    expect(stopped.source.ready()).toBe(false)
    await writeFile(join(dir, 'new.yaml'), route('n'))
    await waitFor(
      'the witness to see the new file',
      () => witness.store.get('HTTPRoute', 'shop', 'n') !== undefined,
    )
    expect(stopped.events).toEqual([])
  })

  it('never lets Secret data into the store', async () => {
    const secret = `apiVersion: v1
kind: Secret
metadata: {name: cert, namespace: shop}
type: kubernetes.io/tls
data: {tls.crt: c2VjcmV0, tls.key: c2VjcmV0}
stringData: {password: hunter2}
`
    const { store } = await startFolder(await tempFolder({ 's.yaml': secret }))
    const stored = JSON.stringify(store.get('Secret', 'shop', 'cert'))
    expect(stored).toContain('"name":"cert"')
    expect(stored).not.toMatch(/c2VjcmV0|hunter2/)
  })

  it('refuses to start on a missing folder', async () => {
    const dir = await tempFolder()
    await expect(startFolder(join(dir, 'missing'))).rejects.toThrow(/ENOENT|no such/)
  })
})
