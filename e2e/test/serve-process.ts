// Runs `gatemap serve` as its own process, exactly as a person would start it, and hands out what a
// test (or a benchmark) needs: the URL, the access token, an authenticated fetch and WebSocket.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import WebSocket from 'ws'

const MAIN = path.join(import.meta.dirname, '../../server/src/cli/main.ts')

export interface ServeProcess {
  child: ChildProcess
  url: string
  /** The per-start token (local mode) or the one given (token mode). */
  token: string | undefined
  /** Everything the server printed on stderr so far. */
  output(): string
  /** Resolves once the source reports it is in sync. */
  synced: Promise<void>
  fetch(pathAndQuery: string, init?: RequestInit & { token?: string }): Promise<Response>
  /** POST /api/login with a token, as the sign-in page does: the session cookie and CSRF token. */
  signIn(token: string): Promise<{ status: number; cookie: string; csrf: string }>
  socket(options?: { token?: string; origin?: string }): WebSocket
  rssBytes(): number
  stop(): Promise<void>
}

export async function startServe(
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv
    timeoutMs?: number
    /** What runs instead of `node main.ts serve --port 0` (e.g. the image, as a pod); `args` follow it. */
    command?: string[]
  } = {},
): Promise<ServeProcess> {
  const [program = process.execPath, ...prefix] = options.command ?? [
    process.execPath,
    MAIN,
    'serve',
    '--port',
    '0',
  ]
  const child = spawn(program, [...prefix, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'pipe'],
  })
  let output = ''
  let resolveSynced: () => void = () => {}
  let rejectSynced: (e: Error) => void = () => {}
  const synced = new Promise<void>((resolve, reject) => {
    resolveSynced = resolve
    rejectSynced = reject
  })
  // A process that dies before printing its address rejects both; the caller sees the first.
  synced.catch(() => {})
  const address = await new Promise<{ url: string; token: string | undefined }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gatemap serve did not print its address:\n${output}`)),
      options.timeoutMs ?? 60_000,
    )
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const local = /open (http:\/\/[^\s/]+)\/login\?token=(\S+)/.exec(output)
      const other = /open (http:\/\/[^\s/]+)\//.exec(output)
      const found = local ?? other
      if (found) {
        clearTimeout(timer)
        // A server bound to every address is reached on loopback, like the tests' other traffic.
        resolve({ url: found[1]!.replace('//0.0.0.0:', '//127.0.0.1:'), token: local?.[2] })
      }
      if (/in sync:/.test(output)) resolveSynced()
      if (/failed to start/.test(output)) rejectSynced(new Error(output))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`gatemap serve exited with ${code}:\n${output}`))
      rejectSynced(new Error(`gatemap serve exited with ${code}:\n${output}`))
    })
  })
  const authHeader = (token: string | undefined) =>
    token ? { authorization: `Bearer ${token}` } : ({} as Record<string, string>)
  return {
    child,
    url: address.url,
    token: address.token,
    output: () => output,
    synced,
    fetch(pathAndQuery, init = {}) {
      const { token = address.token, ...rest } = init
      return fetch(`${address.url}${pathAndQuery}`, {
        ...rest,
        headers: { ...authHeader(token), ...(rest.headers as Record<string, string> | undefined) },
      })
    },
    async signIn(token) {
      const response = await fetch(`${address.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      })
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const body = (await response.json()) as { csrfToken?: string }
      return { status: response.status, cookie, csrf: body.csrfToken ?? '' }
    },
    socket(o = {}) {
      return new WebSocket(`${address.url.replace('http', 'ws')}/api/stream`, {
        headers: authHeader(o.token ?? address.token),
        ...(o.origin ? { origin: o.origin } : {}),
      })
    },
    rssBytes() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      return kb * 1024
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}
