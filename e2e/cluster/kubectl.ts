// Runs the kubectl that build.sh builds from the same pinned Kubernetes as kube-apiserver, so tests
// can check what a user's `kubectl apply`/`auth can-i` would see. Framework-neutral, like harness.ts.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { constants, tmpdir } from 'node:os'
import path from 'node:path'
import type { KubeConfig } from '@kubernetes/client-node'

export const BUILD_SCRIPT = path.join(import.meta.dirname, 'build.sh')

export interface KubectlOptions {
  /**
   * A kubeconfig file (`cluster.adminKubeconfigPath`, `cluster.restrictedKubeconfigPath`) or a
   * KubeConfig object (`cluster.kubeConfigForToken(token)`), which is written to a private temporary
   * file for the one call.
   */
  kubeconfig: string | KubeConfig
  /** Written to kubectl's stdin (e.g. a manifest for `apply -f -`). */
  input?: string
  /** SIGKILL after this long (default 60 s); the result then has code 137 and says so in stderr. */
  timeoutMs?: number
}

export interface KubectlResult {
  /** Exit code; 128 + the signal number when kubectl was killed. */
  code: number
  stdout: string
  stderr: string
}

let binary: Promise<string> | undefined
let scratch: string | undefined

/** Path of the built kubectl; the first call per process runs build.sh (instant when cached). */
export function kubectlPath(): Promise<string> {
  binary ??= new Promise<string>((resolve, reject) => {
    // stderr passes through: on a cold cache the build takes minutes and says so every minute.
    const child = spawn('bash', [BUILD_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(path.join(out.trim(), 'kubectl'))
      else
        reject(
          new Error(`${BUILD_SCRIPT} failed (${signal ?? `exit code ${code}`}); its output above says why`),
        )
    })
  }).catch((err: unknown) => {
    // Let a later call try again rather than repeat one failure forever.
    binary = undefined
    throw err
  })
  return binary
}

/**
 * A folder of this process's own for kubectl's discovery cache and for kubeconfigs written from
 * objects. Test clusters reuse random ports, so the shared ~/.kube/cache could answer for another
 * (already stopped) cluster with other CRDs; it is also not ours to fill.
 */
function scratchDir(): string {
  if (!scratch) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatemap-kubectl-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    scratch = dir
  }
  return scratch
}

/**
 * Runs `kubectl --kubeconfig <kubeconfig> ...args`. Resolves with the exit code and output whatever
 * kubectl says (a refused apply is an answer a test wants to look at); rejects only when kubectl
 * cannot be built or started.
 *
 *     const cluster = sharedCluster()
 *     const { code, stdout } = await kubectl(['get', 'ns', '-o', 'name'], { kubeconfig: cluster.adminKubeconfigPath })
 */
export async function kubectl(args: string[], options: KubectlOptions): Promise<KubectlResult> {
  const bin = await kubectlPath()
  const dir = scratchDir()
  let kubeconfigFile: string
  let written: string | undefined
  if (typeof options.kubeconfig === 'string') {
    kubeconfigFile = options.kubeconfig
  } else {
    written = mkdtempSync(path.join(dir, 'kubeconfig-'))
    kubeconfigFile = path.join(written, 'config')
    writeFileSync(kubeconfigFile, options.kubeconfig.exportConfig(), { mode: 0o600 })
  }
  try {
    return await run(bin, ['--kubeconfig', kubeconfigFile, ...args], options, dir)
  } finally {
    if (written) rmSync(written, { recursive: true, force: true })
  }
}

function run(bin: string, args: string[], options: KubectlOptions, dir: string): Promise<KubectlResult> {
  const timeoutMs = options.timeoutMs ?? 60_000
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      // KUBERC=off: a developer's ~/.kube/kuberc (aliases, default flags) must not change what
      // tests see. KUBECACHEDIR: see scratchDir.
      env: { ...process.env, KUBERC: 'off', KUBECACHEDIR: path.join(dir, 'cache') },
      stdio: 'pipe',
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    // Decoded by the streams, so that a character split between two chunks stays whole.
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.once('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      if (timedOut) stderr += `\n(killed by the kubectl helper after ${timeoutMs} ms)\n`
      resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr })
    })
    // kubectl may exit before reading all of stdin (a flag error); that EPIPE is not our failure.
    // Without input, stdin is closed at once, so `-f -` by mistake ends instead of waiting.
    child.stdin.on('error', () => {})
    child.stdin.end(options.input)
  })
}
