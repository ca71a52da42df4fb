// A new tab's first graph is the server's drawing of its view (shared/src/view/frame/first-frame.ts):
// in Chromium, the page draws it as the first frame, never shows it as stale, and the worker's own
// first frame, drawn once the page has painted, changes nothing (no patch is posted). The worker then
// answers the page as before: a click selects, and the details come from the worker's frame.
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { useDashboardOn, waitForGraph } from './dashboard.ts'

const repo = path.join(import.meta.dirname, '../../..')
const { browser, serve } = useDashboardOn(path.join(repo, 'examples/broken'))

interface Seen {
  messages: { type: string; at: number }[]
  staleSeen: boolean
}

/** In the page before any script: what the worker posts, and whether a drawn graph was ever called stale. */
function watchFirstLoad() {
  const seen: Seen = { messages: [], staleSeen: false }
  ;(window as unknown as { __seen: Seen }).__seen = seen
  const Base = window.Worker
  window.Worker = class extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options)
      this.addEventListener('message', (event: MessageEvent<{ type: string }>) =>
        seen.messages.push({ type: event.data.type, at: performance.now() }),
      )
    }
  }
  new MutationObserver(() => {
    // The banner says "connecting" before any graph; over a drawn graph it would call the graph stale.
    if (document.querySelector('[data-testid="stale"]') && document.querySelector('.react-flow__node'))
      seen.staleSeen = true
  }).observe(document, { subtree: true, childList: true })
}

async function firstFramesSent(): Promise<number> {
  const text = await (await serve().fetch('/metrics')).text()
  const line = text.split('\n').find((l) => l.startsWith('gatemap_stream_first_frames_sent_total '))
  return Number(line?.split(' ')[1])
}

const contexts: { close(): Promise<void> }[] = []
afterAll(async () => {
  for (const c of contexts) await c.close()
})

describe('the first frame, drawn by the server', () => {
  it('is the page’s first graph; the worker’s own first frame changes nothing; the tab then works as ever', async () => {
    const before = await firstFramesSent()
    const context = await browser().newContext({ viewport: { width: 1440, height: 900 } })
    contexts.push(context)
    const login = await context.request.get(
      `${serve().url}/login?token=${encodeURIComponent(serve().token!)}`,
      { maxRedirects: 0 },
    )
    expect(login.status()).toBe(303)
    await context.addInitScript(watchFirstLoad)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(`${serve().url}/`)
    await waitForGraph(page)
    // Long enough for the page's "drawn", the worker's snapshot and its own first frame.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen.messages.length), {
        timeout: 10_000,
      })
      .toBeGreaterThan(2)
    await page.waitForTimeout(1500)
    const seen = await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen)
    expect(await firstFramesSent()).toBe(before + 1)
    const frames = seen.messages.filter((m) => m.type === 'frame' || m.type === 'frame-patch')
    expect(frames.map((m) => m.type)).toEqual(['frame'])
    expect(seen.staleSeen).toBe(false)

    const route = 'Route:HTTPRoute/broken-other/wrong-namespace'
    await page.locator(`.react-flow__node[data-id="${route}"]`).click()
    await expect
      .poll(() => page.getByTestId('details').textContent(), { timeout: 10_000 })
      .toContain('wrong-namespace')
    const after = await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen.messages)
    expect(after.some((m) => m.type === 'frame-patch')).toBe(true)
    expect(errors).toEqual([])
  })
})
