// A signed-in dashboard tab, the way a person gets one (open the URL `gatemap serve` printed, or
// in token and bearer modes type the token into the sign-in form; either way get redirected to /), plus the app's readiness contract: `[data-testid="graph"]` carries
// data-graph-state="complete" and data-seq="<store sequence number>" once that graph has painted.
import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { type ServeProcess, startServe } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
import { useChromium } from './chromium.ts'
import { serveFolder } from './example-folder.ts'

export interface DashboardOptions {
  /** Where to go after signing in; `/` (the default) is where the login redirect lands anyway. */
  path?: string
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
  /** Signs in through the form with this token (token and bearer modes print no sign-in link). */
  token?: string
}

const errors = new WeakMap<Page, string[]>()

/**
 * A new browser context (own cookies) with one page, signed in and showing `path`. Fails unless
 * that page answered 200. Close it with closeDashboard(page) or let the browser's close take it.
 */
export async function openDashboard(
  browser: Browser,
  serve: ServeProcess,
  options: DashboardOptions = {},
): Promise<Page> {
  const token = options.token ?? serve.token
  if (!token) throw new Error('openDashboard: this server printed no login token; pass options.token')
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1440, height: 900 },
  })
  const page = await context.newPage()
  const seen: string[] = []
  errors.set(page, seen)
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const where = message.location()
    // Chromium asks for /favicon.ico on its own when a page declares no icon; that 404 is no error
    // of the page's code.
    if (new URL(where.url || 'about:blank').pathname === '/favicon.ico') return
    seen.push(`console.error: ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`)
  })
  page.on('pageerror', (error) => seen.push(`uncaught: ${error.stack ?? error.message}`))
  page.on('crash', () => seen.push('the page crashed'))

  const path = options.path ?? '/'
  let response: Response | null
  if (options.token === undefined) {
    response = await page.goto(`${serve.url}/login?token=${encodeURIComponent(token)}`)
  } else {
    // Tokens of these modes travel only in the form's POST body, never in an address.
    await expectOk(await page.goto(`${serve.url}/login`), 'opening the sign-in page')
    await page.locator('input[name="token"]').fill(token)
    const [navigation] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ])
    response = navigation
  }
  await expectOk(response, 'signing in')
  if (new URL(page.url()).pathname !== '/') {
    throw new Error(`signing in landed on ${page.url()} instead of /`)
  }
  if (path !== '/') {
    response = await page.goto(`${serve.url}${path}`)
    await expectOk(response, `opening ${path}`)
  }
  return page
}

/**
 * What most browser test files start with: one Chromium and one `gatemap serve --manifests FOLDER`
 * with the built web app (and the Gateway API CRDs unless `crds: false`), started before the file's
 * tests and stopped after them. `open` is openDashboard on that server.
 */
export function useDashboardOn(folder: string, options: { crds?: boolean } = {}) {
  const browser = useChromium()
  let serve: ServeProcess | undefined
  beforeAll(async () => {
    serve =
      options.crds === false
        ? await startServe(['--manifests', folder, '--web', WEB_DIST])
        : await serveFolder(folder, WEB_DIST)
    await serve.synced
  }, 120_000)
  afterAll(async () => {
    await serve?.stop()
  })
  const server = (): ServeProcess => {
    if (!serve) throw new Error('useDashboardOn(): the server is available inside tests and hooks only')
    return serve
  }
  return {
    browser,
    serve: server,
    open: (options?: DashboardOptions) => openDashboard(browser(), server(), options),
  }
}

/**
 * What the dashboard tests against a real API server (dashboard-cluster/) start with: one Chromium
 * and `gatemap serve --kubeconfig KUBECONFIG --web <built app>` twice, as the kubeconfig's user
 * (`admin`) and in bearer mode (`bearer`). Call it after the file's own beforeAll, so that the
 * servers start on the objects it made. Every tab `open` gives is checked for page errors (those
 * matching `expectedErrors` aside) and closed after its test.
 */
export function useClusterDashboards(kubeconfig: () => string, options: { expectedErrors?: RegExp } = {}) {
  const browser = useChromium()
  let admin: ServeProcess | undefined
  let bearer: ServeProcess | undefined
  const pages: Page[] = []
  beforeAll(async () => {
    const args = ['--kubeconfig', kubeconfig(), '--web', WEB_DIST]
    admin = await startServe(args)
    bearer = await startServe([...args, '--auth', 'bearer'])
    await Promise.all([admin.synced, bearer.synced])
  }, 180_000)
  afterAll(async () => {
    await admin?.stop()
    await bearer?.stop()
  })
  afterEach(async () => {
    for (const page of pages.splice(0)) {
      expect(pageErrors(page).filter((m) => !options.expectedErrors?.test(m))).toEqual([])
      await closeDashboard(page)
    }
  })
  const started = (server: ServeProcess | undefined): ServeProcess => {
    if (!server) throw new Error('useClusterDashboards(): the servers are available inside tests only')
    return server
  }
  return {
    browser,
    admin: () => started(admin),
    bearer: () => started(bearer),
    /** openDashboard on `server`; the tab is checked and closed after the test. */
    async open(server: ServeProcess, options?: DashboardOptions): Promise<Page> {
      const page = await openDashboard(browser(), server, options)
      pages.push(page)
      return page
    },
  }
}

async function expectOk(response: Response | null, what: string) {
  if (!response) throw new Error(`${what}: no response (same-document navigation?)`)
  if (response.status() === 200) return
  const body = (await response.text().catch(() => '')).slice(0, 500)
  throw new Error(`${what}: ${response.url()} answered ${response.status()}\n${body}`)
}

/** Console errors, uncaught exceptions and crashes of a page from openDashboard(), in order. */
export function pageErrors(page: Page): string[] {
  const seen = errors.get(page)
  if (!seen) throw new Error('pageErrors: this page was not opened with openDashboard()')
  return seen
}

export async function closeDashboard(page: Page): Promise<void> {
  await page.context().close()
}

interface GraphElement {
  getAttribute(name: string): string | null
}
// These functions run in the page; typed by hand so they compile with or without the DOM library.
type PageGlobals = { document: { querySelector(selector: string): GraphElement | null } }

export const GRAPH_SELECTOR = '[data-testid="graph"]'

/**
 * Waits until the graph has painted the store's state at sequence number `minSeq` or later and
 * returns the number it painted. On timeout the error says how far the graph got.
 */
export async function waitForGraph(
  page: Page,
  options: { minSeq?: number; timeoutMs?: number } = {},
): Promise<number> {
  const minSeq = options.minSeq ?? 0
  const timeout = options.timeoutMs ?? 15_000
  try {
    const handle = await page.waitForFunction(
      ({ selector, minSeq }) => {
        const graph = (globalThis as unknown as PageGlobals).document.querySelector(selector)
        if (graph?.getAttribute('data-graph-state') !== 'complete') return false
        const seq = Number(graph.getAttribute('data-seq'))
        return Number.isFinite(seq) && seq >= minSeq ? seq : false
      },
      { selector: GRAPH_SELECTOR, minSeq },
      { timeout },
    )
    return (await handle.jsonValue()) as number
  } catch (error) {
    const state = await page
      .evaluate((selector) => {
        const graph = (globalThis as unknown as PageGlobals).document.querySelector(selector)
        if (!graph) return 'not in the page'
        return `data-graph-state=${graph.getAttribute('data-graph-state')} data-seq=${graph.getAttribute('data-seq')}`
      }, GRAPH_SELECTOR)
      .catch((e: Error) => `unknown (${e.message})`)
    const seen = errors.get(page) ?? []
    throw new Error(
      `the graph did not paint seq >= ${minSeq} within ${timeout} ms; ${GRAPH_SELECTOR}: ${state}` +
        (seen.length ? `\npage errors:\n${seen.join('\n')}` : '') +
        `\n(${(error as Error).message.split('\n')[0]})`,
    )
  }
}
