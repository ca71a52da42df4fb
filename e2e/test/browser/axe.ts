// Accessibility checks with axe-core, run inside the page under test.
import axe, { type ImpactValue, type Result, type RunOptions } from 'axe-core'
import type { Page } from 'playwright-core'

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

export interface AxeOptions {
  /** CSS selector of the part of the page to check; the whole document by default. */
  include?: string
  exclude?: string[]
  /** Rule ids to skip; say why next to the call. */
  disableRules?: string[]
}

// Names that exist in the page; typed by hand so this compiles with or without the DOM library.
type PageAxe = {
  axe?: { run(context: unknown, options: RunOptions): Promise<{ violations: Result[] }> }
  document: unknown
}

/** Every violation of the WCAG 2.1 A/AA and best-practice rules on the page as it is now. */
export async function runAxe(page: Page, options: AxeOptions = {}): Promise<Result[]> {
  // Evaluated through the DevTools protocol rather than added as an inline <script>: the server's
  // CSP (script-src 'self') refuses inline scripts, and bypassing the CSP for the test would hide
  // the app's own CSP mistakes.
  const present = await page.evaluate(() => (globalThis as unknown as PageAxe).axe !== undefined)
  if (!present) await page.evaluate(axe.source)
  const runOptions: RunOptions = {
    runOnly: { type: 'tag', values: AXE_TAGS },
    resultTypes: ['violations'],
    rules: Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }])),
  }
  const context =
    options.include || options.exclude
      ? {
          ...(options.include ? { include: options.include } : {}),
          ...(options.exclude ? { exclude: options.exclude } : {}),
        }
      : null
  return page.evaluate(
    async ({ context, runOptions }) => {
      const { axe, document } = globalThis as unknown as PageAxe
      if (!axe) throw new Error('axe-core did not load in the page')
      return (await axe.run(context ?? document, runOptions)).violations
    },
    { context, runOptions },
  )
}

const BLOCKING: ImpactValue[] = ['serious', 'critical']

export function seriousViolations(violations: Result[]): Result[] {
  return violations.filter((v) => BLOCKING.includes(v.impact ?? null))
}

/**
 * The serious and critical violations as a message a person can act on, or '' when there are none,
 * so tests can write `expect(formatSeriousViolations(v)).toBe('')` and see the list on failure.
 */
export function formatSeriousViolations(violations: Result[], targetsPerRule = 3): string {
  return seriousViolations(violations)
    .map((v) => {
      const targets = v.nodes
        .slice(0, targetsPerRule)
        .map((node) => node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '))
      const more = v.nodes.length > targetsPerRule ? ` (+${v.nodes.length - targetsPerRule} more)` : ''
      return `${v.id} [${v.impact}] ${v.help}\n  ${v.helpUrl}\n  at ${targets.join(', ')}${more}`
    })
    .join('\n')
}
