// Screenshots for people: every run writes them to e2e/screenshots/ (git-ignored) to look at after a
// run or a failure; GATEMAP_UPDATE_DOCS_SCREENSHOTS=1 also refreshes the ones the docs show.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'

const repo = path.join(import.meta.dirname, '../../..')
export const SCREENSHOT_DIR = path.join(repo, 'e2e/screenshots')
export const DOCS_SCREENSHOT_DIR = path.join(repo, 'docs/screenshots')

/** Writes `<name>.png` and returns the paths written. */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string[]> {
  // The name becomes a file name in docs/, so it must not reach outside the folder.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new Error(`screenshot name ${JSON.stringify(name)}: use a-z, 0-9, -`)
  const png = await page.screenshot({ fullPage: options.fullPage ?? false, animations: 'disabled' })
  const dirs = [SCREENSHOT_DIR]
  if (process.env.GATEMAP_UPDATE_DOCS_SCREENSHOTS === '1') dirs.push(DOCS_SCREENSHOT_DIR)
  const written: string[] = []
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true })
    const file = path.join(dir, `${name}.png`)
    await writeFile(file, png)
    written.push(file)
  }
  return written
}
