// The problems list draws the rows the worker sent (the first pages of every problem) and counts every
// problem, not only those rows. "Show more" asks the worker for one page more than it has.

import { PROBLEMS_PAGE, type ProblemCounts, type ProblemRow } from '@gatemap/shared/view/frame/messages.ts'
import { countRows } from '@gatemap/shared/view/frame/problem-rows.ts'
import { createElement, type ReactElement, type ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ProblemsPanel } from '../../src/panels/ProblemsPanel.tsx'

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

function panel(rows: ProblemRow[], counts: ProblemCounts, onShowMore: (n: number) => void = () => {}) {
  return createElement(ProblemsPanel, { problems: rows, counts, loaded: true, onPick: () => {}, onShowMore })
}

describe('ProblemsPanel', () => {
  it('draws the rows it was sent, counts every problem, and offers the next page with what is left', () => {
    const all = Array.from({ length: PROBLEMS_PAGE + 70 }, (_, i) => row(i))
    const html = renderToStaticMarkup(panel(all.slice(0, PROBLEMS_PAGE), countRows(all)))
    expect(html.match(/<li/g)).toHaveLength(PROBLEMS_PAGE)
    expect(html).toContain(`route-${PROBLEMS_PAGE - 1}<`)
    expect(html).not.toContain(`route-${PROBLEMS_PAGE}<`)
    expect(html).toContain(`Show ${Math.min(PROBLEMS_PAGE, 70)} more of 70`)
    const errors = all.filter((r) => r.severity === 'error').length
    expect(html).toContain(`${errors} errors, ${all.length - errors} warnings`)
  })

  it('asks for one page more than the rows it has', () => {
    const all = Array.from({ length: 3 * PROBLEMS_PAGE }, (_, i) => row(i))
    let asked: number | undefined
    const element = panel(all.slice(0, PROBLEMS_PAGE), countRows(all), (n) => {
      asked = n
    })
    // The button's handler, found in the element tree React would render.
    const rendered = (element.type as (p: typeof element.props) => ReactElement)(element.props)
    const children = (rendered.props as { children: ReactNode[] }).children
    const more = children.find(
      (c): c is ReactElement<{ onClick(): void }> =>
        typeof c === 'object' && c !== null && 'type' in c && c.type === 'button',
    )
    more?.props.onClick()
    expect(asked).toBe(2 * PROBLEMS_PAGE)
  })

  it('offers no more when every row is there', () => {
    const rows = [row(1), row(2)]
    const html = renderToStaticMarkup(panel(rows, countRows(rows)))
    expect(html.match(/<li/g)).toHaveLength(2)
    expect(html).not.toContain('more of')
    expect(html).toContain('2 errors, 0 warnings')
  })

  it('says there are no problems only when the counts say so', () => {
    expect(renderToStaticMarkup(panel([], { errors: 0, warnings: 0 }))).toContain('No problems')
    expect(renderToStaticMarkup(panel([], { errors: 0, warnings: 1 }))).toContain('0 errors, 1 warning')
  })
})
