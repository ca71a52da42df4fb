// The longest names Kubernetes allows (253 characters) still fit a file name: a new object's file is
// named after it, shortened with a hash where the whole would pass the file system's 255-byte limit.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newFileBase } from '../../src/sources/folder/file-names.ts'
import { settle, startFolder, tempFolder } from './helpers.ts'

/** A valid DNS-1123 subdomain of 253 characters (labels of at most 63). */
const longName = (seed: string) =>
  [`${seed}${'a'.repeat(63 - seed.length)}`, 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.')

describe('new files for objects with the longest names', () => {
  it('a 253-character HTTPRoute name is created in a file whose name fits, and read back from it', async () => {
    const dir = await tempFolder()
    const running = await startFolder(dir)
    const writer = running.source.writer({})
    const name = longName('x')
    expect(name).toHaveLength(253)
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace: 'a-namespace-with-a-long-name-too' },
      spec: { parentRefs: [{ name: 'gw' }] },
    }
    const result = await writer.apply(route, { dryRun: false })
    expect(result.created).toBe(true)
    expect(Buffer.byteLength(result.file ?? '')).toBeLessThanOrEqual(255)
    expect(result.file).toMatch(/^httproute-a-namespace-with-a-long-name-too-x+a*\..*-[0-9a-f]{8}\.yaml$/)
    expect(await readdir(dir)).toEqual([result.file])
    expect(await readFile(join(dir, result.file!), 'utf8')).toContain(`name: ${name}`)
    await settle(running)
    expect(running.store.get('HTTPRoute', route.metadata.namespace, name)?.origin?.file).toBe(result.file)
  })

  it('two long names that share their beginning get different files', async () => {
    const one = newFileBase('HTTPRoute', 'shop', longName('same'))
    const two = newFileBase('HTTPRoute', 'shop', `${longName('same').slice(0, 252)}e`)
    expect(one).not.toBe(two)
    expect(one.slice(0, 100)).toBe(two.slice(0, 100))
  })

  it('short names keep the plain kind-namespace-name', () => {
    expect(newFileBase('HTTPRoute', 'shop', 'store')).toBe('httproute-shop-store')
    expect(newFileBase('GatewayClass', undefined, 'plain')).toBe('gatewayclass-plain')
  })
})
