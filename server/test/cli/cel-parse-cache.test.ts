// The CEL parse cache is keyed by the @bufbuild/cel version it names; that name must be the version
// installed, or a library upgrade would plan trees shaped by the old one.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CEL_VERSION } from '../../src/crds/cel-parse-cache.ts'

describe('the CEL parse cache', () => {
  it('names the @bufbuild/cel version shared/ has installed', () => {
    // Its exports do not include package.json, so it is read through shared/'s link to it.
    const installed = new URL('../../../shared/node_modules/@bufbuild/cel/package.json', import.meta.url)
    const pinned = new URL('../../../shared/package.json', import.meta.url)
    const version = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>
    expect(CEL_VERSION).toBe(version(installed).version)
    expect(CEL_VERSION).toBe((version(pinned).dependencies as Record<string, string>)['@bufbuild/cel'])
  })
})
