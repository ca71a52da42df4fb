// Debian's Chromium driven by playwright-core. Playwright's own browser downloads are never used: CI
// reaches only the npm registry, Debian apt and the Go module proxy, so scripts/test.sh installs the
// `chromium` package instead.
import { accessSync, constants } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  // Headless Chromium still builds a browser window's own UI for every new context, and preloads
  // its address-bar dropdown as a WebUI page in a renderer of its own: 1.2 s of CPU on our 2-core
  // machines, competing with the page under test while it loads. Nobody sees that dropdown here.
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
]

export function chromiumExecutable(): string {
  return process.env.GATEMAP_CHROMIUM || '/usr/bin/chromium'
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable()
  try {
    accessSync(executablePath, constants.X_OK)
  } catch {
    throw new Error(
      `no Chromium at ${executablePath}. Install Debian's package: ` +
        '`apt-get install -y chromium fonts-dejavu-core` (scripts/test.sh does this when /usr/bin/chromium ' +
        'is missing), or point $GATEMAP_CHROMIUM at another Chromium executable. ' +
        '`npx playwright install` is not an option: it downloads from hosts CI cannot reach.',
    )
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS })
}

/**
 * One browser for the calling test file: launched in its beforeAll, closed in its afterAll. Each
 * openDashboard() gets a fresh context, so tests in the file do not share cookies or storage.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('useChromium(): the browser is available inside tests and hooks only')
    return browser
  }
}
