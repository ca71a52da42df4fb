// `gatemap serve` with no flags: the current kubeconfig context if its API server answers,
// otherwise the bundled examples — and it says which.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sharedCluster } from '../cluster.ts'
import { startServe } from '../serve-process.ts'

describe('gatemap serve without flags', () => {
  it('uses the current context when its cluster answers', async () => {
    const serve = await startServe([], { env: { KUBECONFIG: sharedCluster().adminKubeconfigPath } })
    try {
      await serve.synced
      expect(serve.output()).toMatch(/showing cluster context/)
      const session = (await (await serve.fetch('/api/session')).json()) as { source: { mode: string } }
      expect(session.source.mode).toBe('cluster')
    } finally {
      await serve.stop()
    }
  })

  it('falls back to the bundled examples when no context answers, and says why', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gatemap-home-'))
    const serve = await startServe([], { env: { KUBECONFIG: path.join(home, 'missing'), HOME: home } })
    try {
      await serve.synced
      expect(serve.output()).toMatch(/showing the bundled examples .* because no kubeconfig context answered/)
      const session = (await (await serve.fetch('/api/session')).json()) as { source: { mode: string } }
      expect(session.source.mode).toBe('folder')
    } finally {
      await serve.stop()
    }
  })

  it('refuses to bind beyond loopback without an auth mode', async () => {
    await expect(startServe(['--host', '0.0.0.0'], { timeoutMs: 20_000 })).rejects.toThrow(/needs --auth/)
  })
})
