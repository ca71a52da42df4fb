// The conformance suite's request tables, read from its Go source by tools/conformance-requests (a
// small go/ast program, built once into the cache like scripts/lint-dockerfile.sh builds its tool)
// and turned into traces: one request, the Gateway it goes to and what the suite expects back.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { conformanceDir } from '../conformance/module.ts'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const toolDir = join(repo, 'tools', 'conformance-requests')

export interface ExtractedCase {
  line: number
  type: 'http' | 'grpc' | 'tcp' | 'udp'
  value: Record<string, unknown>
  address: { gateway: { Name?: unknown; Namespace?: unknown }; listeners: unknown[] } | null
  call?: string
  after?: string
}

export interface ExtractedTest {
  file: string
  shortName: string
  manifests: string[]
  cases: ExtractedCase[]
}

function goBinary(): string {
  for (const candidate of [process.env.GATEMAP_GO, 'go', '/usr/local/go/bin/go']) {
    if (!candidate) continue
    try {
      execFileSync(candidate, ['version'], { stdio: 'ignore' })
      return candidate
    } catch {
      // next
    }
  }
  throw new Error('no Go toolchain found (set GATEMAP_GO): tools/conformance-requests needs one to build')
}

/** Builds the extractor once per (Go version, source) into ${GATEMAP_CACHE_DIR:-<repo>/.cache}/tools/. */
export function extractorBinary(): string {
  const go = goBinary()
  const version = execFileSync(go, ['env', 'GOVERSION'], { cwd: toolDir, encoding: 'utf8' }).trim()
  const hash = createHash('sha256')
  for (const f of ['go.mod', 'main.go']) hash.update(readFileSync(join(toolDir, f)))
  const dir = join(
    process.env.GATEMAP_CACHE_DIR || join(repo, '.cache'),
    'tools',
    `conformance-requests_${version}_${hash.digest('hex').slice(0, 12)}`,
  )
  const bin = join(dir, 'conformance-requests')
  if (existsSync(bin)) return bin
  mkdirSync(dir, { recursive: true })
  const tmp = `${bin}.tmp.${process.pid}`
  execFileSync(go, ['build', '-trimpath', '-buildvcs=false', '-o', tmp, '.'], {
    cwd: toolDir,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  })
  renameSync(tmp, bin)
  return bin
}

export function extractRequestTables(): ExtractedTest[] {
  const out = execFileSync(extractorBinary(), [conformanceDir()], { encoding: 'utf8', maxBuffer: 64 << 20 })
  return JSON.parse(out) as ExtractedTest[]
}
