// The problems list draws its first page only: on a large cluster every row at once was most of the
// page's elements at the first graph. The rest comes a page at a time, and the count says how many.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { PROBLEMS_PAGE, ProblemsPanel } from '../../src/panels/ProblemsPanel.tsx'
import type { ProblemRow } from '../../src/worker/messages.ts'

const row = (i: number): ProblemRow =>
  ({
    severity: i % 3 === 0 ? 'warning' : 'error',
    code: 'BackendNotFound',
    message: `backendRef ${i} names Service svc-${i}, which does not exist`,
    object: {
      group: 'gateway.networking.k8s.io',
      kind: 'HTTPRoute',
      namespace: 'team-0',
      name: `route-${i}`,
    },
    nodeId: `Route:HTTPRoute/team-0/route-${i}`,
  }) as ProblemRow

const render = (rows: ProblemRow[]) =>
  renderToStaticMarkup(createElement(ProblemsPanel, { problems: rows, loaded: true, onPick: () => {} }))

describe('ProblemsPanel', () => {
  it('draws the first page of rows and offers the next page with what is left', () => {
    const rows = Array.from({ length: PROBLEMS_PAGE + 70 }, (_, i) => row(i))
    const html = render(rows)
    expect(html.match(/<li/g)).toHaveLength(PROBLEMS_PAGE)
    expect(html).toContain(`route-${PROBLEMS_PAGE - 1}<`)
    expect(html).not.toContain(`route-${PROBLEMS_PAGE}<`)
    expect(html).toContain(`Show ${Math.min(PROBLEMS_PAGE, 70)} more of 70`)
    // The count is of every row, not of the page.
    const errors = rows.filter((r) => r.severity === 'error').length
    expect(html).toContain(`${errors} errors, ${rows.length - errors} warnings`)
  })

  it('offers no more when every row fits on the first page', () => {
    const html = render([row(1), row(2)])
    expect(html.match(/<li/g)).toHaveLength(2)
    expect(html).not.toContain('more of')
  })
})
