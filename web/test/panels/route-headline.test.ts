// The route headline sums up the whole verdict: a refused backend or a listener that cannot serve
// is in it, and in a cluster a route no controller has accepted says so before what is computed.
import type { KubeObject } from '@gatemap/shared'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import type { NodeDetails } from '@gatemap/shared/view/model/details-types.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { exampleObjects, snapshotOf } from '../../../shared/test/view/examples.ts'
import { routeHeadline, waitingForController } from '../../src/panels/route-headline.ts'

function detailsOf(objects: KubeObject[], selected: string): NodeDetails {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(objects))).toBe('ok')
  const details = pipeline.frame({ ...EMPTY_VIEW_STATE, selected }).details
  if (!details) throw new Error(`no details for ${selected}`)
  return details
}

/** The example without any status, as a cluster with no controller holds it. */
const withoutStatus = (objects: KubeObject[]) =>
  objects.map((o) => {
    const { status: _dropped, ...rest } = o as KubeObject & { status?: unknown }
    return rest as KubeObject
  })

describe('routeHeadline', () => {
  const broken = exampleObjects('broken')

  it('names a refused backend beside the acceptance', () => {
    const details = detailsOf(broken, 'Route:HTTPRoute/broken/cross-namespace-no-grant')
    const headline = routeHeadline(details, false)
    expect(headline.cls).toBe('error')
    expect(headline.text).toMatch(/^Accepted on http, but 1 backend is refused \(RefNotPermitted\)$/)
  })

  it('names the listener that cannot serve an accepted route', () => {
    const details = detailsOf(broken, 'Route:HTTPRoute/broken/on-listener-without-cert')
    expect(details.parents[0]?.brokenListeners).toMatchObject([
      { name: 'missing-cert', reason: 'InvalidCertificateRef' },
    ])
    const headline = routeHeadline(details, false)
    expect(headline.cls).toBe('error')
    expect(headline.text).toContain('listener missing-cert (InvalidCertificateRef) cannot serve it')
  })

  it('is plain acceptance when nothing else is wrong', () => {
    const details = detailsOf(exampleObjects('shared-gateway'), 'Route:HTTPRoute/shared-store/storefront')
    expect(routeHeadline(details, false)).toMatchObject({ glyph: '✓', cls: 'ok' })
    expect(routeHeadline(details, false).text).toMatch(/^Accepted on /)
  })

  it('in a cluster without a controller, puts "no controller has accepted this yet" first', () => {
    const objects = withoutStatus(exampleObjects('shared-gateway'))
    const details = detailsOf(objects, 'Route:HTTPRoute/shared-store/storefront')
    const headline = routeHeadline(details, true)
    expect(headline.text).toBe('No controller has accepted this yet')
    expect(headline.cls).toBe('pending')
    expect(headline.computed).toMatch(/^✓ Gatemap computes: accepted on /)
    // Folder mode has no controller to wait for: the computed verdict is the headline.
    expect(routeHeadline(details, false).text).toMatch(/^Accepted on /)
  })

  it('reads the API server default "Waiting for controller" on a GatewayClass', () => {
    const objects = exampleObjects('shared-gateway').map((o) =>
      o.kind === 'GatewayClass'
        ? ({
            ...o,
            status: {
              conditions: [
                { type: 'Accepted', status: 'Unknown', reason: 'Pending', message: 'Waiting for controller' },
              ],
            },
          } as KubeObject)
        : o,
    )
    const cls = objects.find((o) => o.kind === 'GatewayClass')!
    const details = detailsOf(objects, `GatewayClass:GatewayClass//${cls.metadata.name}`)
    expect(waitingForController(details)).toBe(
      'No controller has accepted this yet (Pending: Waiting for controller)',
    )
  })
})
