// The editor's "Attach to" field on a mesh route (examples/mesh, served from a copy of the folder):
// a Service parent is the selected choice (the Service port the YAML names) and is said to be a mesh
// parent, never "not a known parent"; its section is a port name, and its
// Group field shows the core group the YAML names (group: ""), not the Gateway API's.
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServeProcess } from '../serve-process.ts'
import { WEB_DIST } from '../web-dist.ts'
import { useChromium } from './chromium.ts'
import { closeDashboard, openDashboard, pageErrors, waitForGraph } from './dashboard.ts'
import { editor, field, openEditor } from './editor.ts'
import { copyExample, serveFolder } from './example-folder.ts'
import { saveScreenshot } from './screenshots.ts'

const browser = useChromium()
let dir = ''
let serve: ServeProcess

beforeAll(async () => {
  dir = copyExample('mesh')
  serve = await serveFolder(dir, WEB_DIST)
  await serve.synced
}, 120_000)
afterAll(async () => {
  await serve?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('Attach to, on a Service parent', () => {
  it('says it is a mesh parent, labels the section a port name and shows the core group', async () => {
    const page = await openDashboard(browser(), serve, {
      path: '/?sel=Route:HTTPRoute/mesh-bookinfo/reviews',
      viewport: { width: 1600, height: 1000 },
    })
    await waitForGraph(page)
    await openEditor(page)
    // The Service port the YAML names (reviews, port 9080) is the selected choice, once the first
    // check has listed the choices; never "Not a known parent".
    const attach = field(page, 'spec.parentRefs[0]')
    await expect
      .poll(() => attach.locator('option:checked').textContent(), { timeout: 15_000 })
      .toBe('✓ accepts — Service mesh-bookinfo/reviews · port http (9080) (mesh)')
    await expect(attach.locator('option', { hasText: 'Not a known parent' }).count()).resolves.toBe(0)
    const verdict = editor(page).locator('.gm-form-verdict').first()
    await expect(verdict.textContent()).resolves.toContain('✓ accepts this route')
    await expect(verdict.textContent()).resolves.toContain('a Service (mesh parent)')
    await expect(verdict.textContent()).resolves.not.toContain('Not one of the known parents')
    await expect(editor(page).getByText('Section (port name)').count()).resolves.toBe(1)
    await expect(editor(page).getByText('Section (listener)').count()).resolves.toBe(0)
    const group = field(page, 'spec.parentRefs[0].group')
    await expect(group.inputValue()).resolves.toBe('')
    await expect(group.getAttribute('placeholder')).resolves.toBe('core')
    await saveScreenshot(page, 'editor-attach-mesh')
    expect(pageErrors(page)).toEqual([])
    await closeDashboard(page)
  })
})
