// Finds the Gateway API conformance module on disk. It is fetched through the Go module proxy
// (`go mod download`) into the Go module cache and never copied into this repository. The directory
// found is remembered in a small file under the OS temp dir so later runs skip `go` entirely.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CONFORMANCE_MODULE = 'sigs.k8s.io/gateway-api/conformance'
export const CONFORMANCE_VERSION = 'v1.6.1'

const cacheFile = join(tmpdir(), `gatemap-conformance-${CONFORMANCE_VERSION}.dir`)

/** The module's root directory (it holds `base/manifests.yaml` and `tests/*.yaml`). */
export function conformanceDir(): string {
  const override = process.env.GATEMAP_CONFORMANCE_DIR
  if (override) return checked(override, 'GATEMAP_CONFORMANCE_DIR')
  if (existsSync(cacheFile)) {
    const cached = readFileSync(cacheFile, 'utf8').trim()
    if (looksRight(cached)) return cached
  }
  const dir = download()
  writeFileSync(cacheFile, `${dir}\n`)
  return dir
}

function download(): string {
  const go = findGo()
  // Outside any Go module `go mod download` still resolves an explicit path@version; a scratch
  // working directory keeps a stray go.mod in a parent directory from interfering.
  const scratch = mkdtempSync(join(tmpdir(), 'gatemap-gomod-'))
  try {
    const out = execFileSync(
      go,
      ['mod', 'download', '-json', `${CONFORMANCE_MODULE}@${CONFORMANCE_VERSION}`],
      {
        cwd: scratch,
        encoding: 'utf8',
        env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'on' },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 180_000,
      },
    )
    const info = JSON.parse(out) as { Dir?: string; Error?: string }
    if (info.Error) throw new Error(`go mod download: ${info.Error}`)
    if (!info.Dir) throw new Error(`go mod download printed no Dir: ${out}`)
    return checked(info.Dir, 'go mod download')
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

function findGo(): string {
  const candidates = [process.env.GATEMAP_GO, 'go', '/usr/local/go/bin/go'].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  )
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['version'], { stdio: 'ignore' })
      return candidate
    } catch {
      // try the next one
    }
  }
  throw new Error(
    `no Go toolchain found (tried ${candidates.join(', ')}); install Go, set GATEMAP_GO, or point ` +
      `GATEMAP_CONFORMANCE_DIR at an unpacked ${CONFORMANCE_MODULE}@${CONFORMANCE_VERSION}`,
  )
}

function looksRight(dir: string): boolean {
  return dir !== '' && existsSync(join(dir, 'base', 'manifests.yaml')) && existsSync(join(dir, 'tests'))
}

function checked(dir: string, from: string): string {
  if (!looksRight(dir)) throw new Error(`${from}: ${dir} does not look like ${CONFORMANCE_MODULE}`)
  return dir
}

/** Reads a file of the module by its module-relative path, e.g. `tests/httproute-weight.yaml`. */
export function readModuleFile(path: string): string {
  return readFileSync(join(conformanceDir(), path), 'utf8')
}
