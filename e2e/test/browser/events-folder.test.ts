// Folder mode has no cluster and so no Events: the details panel's Events section says so, asks the
// server nothing, and passes axe. (The section against a real API server: dashboard-cluster/events.)
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatSeriousViolations, runAxe } from './axe.ts'
import { closeDashboard, pageErrors, useDashboardOn, waitForGraph } from './dashboard.ts'

const repo = path.join(import.meta.dirname, '../../..')
const { open } = useDashboardOn(path.join(repo, 'examples/broken'), { crds: false })

describe('Events in folder mode', () => {
  it('says Events exist only in a cluster, without asking for any', async () => {
    const page = await open({ path: '/?sel=Route:HTTPRoute/broken/gateway-typo' })
    const asked: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/events') asked.push(request.url())
    })
    await waitForGraph(page)
    const section = page.locator('[data-testid="events"]')
    await section.waitFor()
    expect(await section.textContent()).toContain('Events exist only in a cluster')
    expect(await page.locator('[data-testid="events-table"]').count()).toBe(0)
    expect(formatSeriousViolations(await runAxe(page, { include: '[data-testid="events"]' }))).toBe('')
    expect(asked).toEqual([])
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })
})
