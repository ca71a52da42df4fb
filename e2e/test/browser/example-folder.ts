// Browser tests that edit files serve a temporary copy of one example (real files the test may
// change), validated against the Gateway API CRDs the way `./gatemap serve` validates a folder.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type ServeProcess, startServe } from '../serve-process.ts'

const repo = path.join(import.meta.dirname, '../../..')
let crds: string | undefined

/** The experimental channel's CRD folder (fetched once through the Go module proxy, then cached). */
function gatewayCrds(): string {
  crds ??= execFileSync('bash', [path.join(repo, 'e2e/cluster/cluster.sh'), 'crds', 'experimental'], {
    encoding: 'utf8',
  }).trim()
  return crds
}

/** A fresh temporary copy of examples/<name>; the caller removes it. */
export function copyExample(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `gatemap-${name}-`))
  cpSync(path.join(repo, 'examples', name), dir, { recursive: true })
  return dir
}

/** `gatemap serve --manifests dir --web web [...args]` with the CRDs. */
export function serveFolder(dir: string, web: string, args: string[] = []): Promise<ServeProcess> {
  return startServe(['--manifests', dir, '--web', web, ...args], { env: { GATEMAP_CRDS_DIR: gatewayCrds() } })
}
