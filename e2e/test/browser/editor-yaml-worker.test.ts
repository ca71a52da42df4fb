// monaco-yaml's worker in Chromium, in the production build (`gatemap serve --web web/dist`) and in
// Vite's dev server (web/vite.config.ts proxying /api, /login and /logout to `gatemap serve` when
// GATEMAP_DEV_SERVER is set). The worker is seen working by what it alone can produce: a completion
// from the CRD's JSON Schema (`useDefaultGateways`, a key of HTTPRoute's spec that appears nowhere in
// the document, so Monaco's word-based completion cannot offer it; keys already present, like
// `hostnames`, are not offered again) and the schema's description on hover over `parentRefs`.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ServeProcess } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
import { useChromium } from './chromium.ts'
import { closeDashboard, openDashboard, pageErrors, waitForGraph } from './dashboard.ts'
import { caretAtEndOf, openEditor, showYaml } from './editor.ts'
import { copyExample, serveFolder } from './example-folder.ts'

const repo = path.join(import.meta.dirname, '../../..')
const webRoot = path.join(repo, 'web')
const dist = WEB_DIST
const VITE = path.join(webRoot, 'node_modules/vite/bin/vite.js')
const ROUTE = 'Route:HTTPRoute/shared-store/storefront'
const browser = useChromium()
let dir = ''
let serve: ServeProcess
const pages: Page[] = []

beforeAll(async () => {
  if (!existsSync(path.join(dist, 'index.html')))
    throw new Error(`no ${dist}: build it with \`pnpm -C web build\``)
  dir = copyExample('shared-gateway')
  serve = await serveFolder(dir, dist)
  await serve.synced
}, 120_000)
afterAll(async () => {
  await serve?.stop()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  for (const page of pages.splice(0)) {
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  }
})

/** Signs in at `base` (the server itself, or Vite in front of it) and opens the route's YAML editor. */
async function openYamlEditor(base: string): Promise<{ page: Page; workers: string[] }> {
  const page = await openDashboard(browser(), { ...serve, url: base }, { path: `/?sel=${ROUTE}` })
  pages.push(page)
  // Monaco creates its workers when the editor first needs them, after this point.
  const workers = page.workers().map((w) => w.url())
  page.on('worker', (w) => workers.push(w.url()))
  await waitForGraph(page, { timeoutMs: 60_000 })
  await openEditor(page)
  await showYaml(page)
  return { page, workers }
}

const hover = (page: Page) => page.locator('.monaco-hover')
const suggestions = (page: Page) => page.locator('.suggest-widget.visible .monaco-list-row')

/** The suggestions shown, each as `label (kind)` with Monaco's icon name for the kind. */
async function suggestionList(page: Page): Promise<string> {
  if ((await page.locator('.suggest-widget').count()) === 0)
    return "no .suggest-widget in the page (Monaco's suggest contribution is not loaded)"
  const rows = await suggestions(page).evaluateAll((elements) =>
    elements.map((row) => {
      const label = row.querySelector('.label-name')?.textContent ?? ''
      const icon = /codicon-symbol-(\S+)/.exec(row.querySelector('.suggest-icon')?.className ?? '')
      return `${label} (${icon?.[1] ?? 'unknown'})`
    }),
  )
  return rows.join(', ') || 'no suggestions shown'
}

/**
 * Hover docs and completion from the CRD schema. Both are retried: the schema reaches monaco-yaml a
 * moment after the editor opens, and until then the worker answers without it.
 */
async function expectSchemaHoverAndCompletion(page: Page, timeout: number) {
  const key = page.locator('[data-testid="yaml-editor"] .view-line span span', { hasText: /^parentRefs$/ })
  await key.first().waitFor()
  await expect
    .poll(
      async () => {
        await page.mouse.move(0, 0)
        await key.first().hover()
        await hover(page)
          .first()
          .waitFor({ timeout: 2_000 })
          .catch(() => {})
        if ((await hover(page).count()) === 0)
          return "no .monaco-hover in the page (Monaco's hover contribution is not loaded)"
        return (await hover(page).allInnerTexts()).join('\n')
      },
      { timeout, interval: 1_000 },
    )
    .toContain('ParentRefs references the resources')
  await page.mouse.move(0, 0)

  // A new line under `spec:`; Monaco indents it to the level of spec's keys.
  await caretAtEndOf(page, 'spec:')
  await page.keyboard.press('Enter')
  await expect
    .poll(
      async () => {
        await page.keyboard.press('Escape')
        await page.keyboard.press('Control+Space')
        await suggestions(page)
          .first()
          .waitFor({ timeout: 3_000 })
          .catch(() => {})
        return suggestionList(page)
      },
      { timeout, interval: 1_000 },
    )
    // A property of the schema (not a word of the document, which Monaco would offer as text).
    .toContain('useDefaultGateways (property)')
  await page.keyboard.press('Escape')
}

describe('monaco-yaml in the production build', () => {
  it('runs the YAML worker: schema completion and hover docs', async () => {
    const { page, workers } = await openYamlEditor(serve.url)
    await expectSchemaHoverAndCompletion(page, 30_000)
    expect(workers).toEqual(expect.arrayContaining([expect.stringContaining('yaml.worker')]))
  }, 90_000)
})

describe("monaco-yaml in Vite's dev server", () => {
  let vite: ChildProcess | undefined
  let viteOutput = ''
  let devUrl = ''

  beforeAll(async () => {
    const port = await freePort()
    devUrl = `http://127.0.0.1:${port}`
    // Its own process group, so that afterAll ends Vite together with anything it started.
    vite = spawn(process.execPath, [VITE, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
      cwd: webRoot,
      env: { ...process.env, GATEMAP_DEV_SERVER: serve.url, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    vite.stdout!.on('data', (chunk: Buffer) => (viteOutput += chunk.toString()))
    vite.stderr!.on('data', (chunk: Buffer) => (viteOutput += chunk.toString()))
    await waitForVite(vite, devUrl, 60_000, () => viteOutput)
  }, 90_000)
  afterAll(async () => {
    if (!vite?.pid || vite.exitCode !== null || vite.signalCode !== null) return
    const exited = new Promise((resolve) => vite!.once('exit', resolve))
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-vite!.pid!, signal)
      } catch {
        // Already gone.
      }
    }
    killGroup('SIGTERM')
    const timer = setTimeout(() => killGroup('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  })

  it('signs in through the proxy, streams the graph and runs the YAML worker', async () => {
    // Dev mode transforms modules on first request: the app and Monaco take a while to load.
    const { page, workers } = await openYamlEditor(devUrl)
    expect(new URL(page.url()).origin).toBe(devUrl)
    await expectSchemaHoverAndCompletion(page, 60_000)
    expect(workers).toEqual(expect.arrayContaining([expect.stringContaining('yaml.worker')]))
    // Served by Vite, not by the server behind it.
    expect(workers.filter((url) => !url.startsWith(`${devUrl}/`))).toEqual([])
  }, 180_000)

  it("presents the dev page's origin as the server's, and no other page's", async () => {
    // Without a session the server answers 401 once Host and Origin pass, and 403 when they do not.
    const httpStatus = async (origin: string) =>
      (await fetch(`${devUrl}/api/session`, { headers: { origin } })).status
    expect(await httpStatus(devUrl)).toBe(401)
    expect(await httpStatus('http://evil.example')).toBe(403)
    expect(await socketStatus(`${devUrl.replace('http', 'ws')}/api/stream`, devUrl)).toBe(401)
    expect(await socketStatus(`${devUrl.replace('http', 'ws')}/api/stream`, 'http://evil.example')).toBe(403)
  })
})

/** The HTTP status a WebSocket handshake is refused with (101 when it is accepted). */
function socketStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin })
    socket.once('open', () => {
      socket.close()
      resolve(101)
    })
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      socket.terminate()
    })
    socket.once('error', (error) => reject(error))
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })
}

/** Resolves once Vite answers on `url`; fails with Vite's output if it exits or takes too long. */
async function waitForVite(child: ChildProcess, url: string, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Vite's dev server exited (${child.exitCode ?? child.signalCode}):\n${output()}`)
    }
    const ok = await fetch(`${url}/@vite/client`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`Vite's dev server did not answer at ${url} within ${timeoutMs / 1000} s:\n${output()}`)
}
