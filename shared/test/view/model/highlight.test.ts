// The selection's path: ancestors and descendants in the view graph, grants and policies hanging
// below their backend; everything else dimmed. A selection inside a group opens or stands in for it.
import { describe, expect, it } from 'vitest'
import { buildView } from '../../../src/view/model/build-view.ts'
import type { GraphView, ViewState } from '../../../src/view/model/view-types.ts'
import { ID, state, viewEdge, viewNode, world } from './world.ts'

const { topology, findings } = world()
const lit = (view: GraphView) =>
  view.nodes
    .filter((n) => n.highlighted)
    .map((n) => n.id)
    .sort()
const select = (selected: string, filters: Partial<ViewState> = {}, autoCollapseAbove?: number) =>
  buildView(
    topology,
    findings,
    state({ ...filters, selected }),
    autoCollapseAbove ? { autoCollapseAbove } : {},
  )

describe('highlighting', () => {
  it.each<[string, string, string[]]>([
    [
      'a route lights its listener, Gateway, class, backends, grant and policy',
      ID.apiRoute,
      [ID.gc, ID.gw, ID.http, ID.apiRoute, ID.api, ID.shop, ID.grant, ID.policy],
    ],
    [
      'a grant lights its backend and the routes using it, up to their class',
      ID.grant,
      [ID.gc, ID.gw, ID.other, ID.http, ID.web, ID.apiRoute, ID.shopRoute, ID.shop, ID.grant],
    ],
    [
      'a backend lights its grants and the routes using it',
      ID.shop,
      [ID.gc, ID.gw, ID.other, ID.http, ID.web, ID.apiRoute, ID.shopRoute, ID.shop, ID.grant],
    ],
    [
      'a policy lights its backend and what leads to it',
      ID.policy,
      [ID.gc, ID.gw, ID.http, ID.apiRoute, ID.api, ID.policy],
    ],
    [
      'a listener lights its routes downstream and its Gateway upstream',
      ID.admin,
      [ID.gc, ID.gw, ID.admin, ID.refused, ID.webSvc],
    ],
  ])('%s', (_, selected, expected) => {
    const view = select(selected)
    expect(lit(view)).toEqual([...expected].sort())
    expect(view.nodes.every((n) => n.dimmed === !n.highlighted)).toBe(true)
  })

  it('dims unrelated routes and the edges off the path', () => {
    const view = select(ID.apiRoute)
    expect(viewNode(view, ID.webRoute)).toMatchObject({ highlighted: false, dimmed: true })
    expect(viewEdge(view, ID.http, ID.apiRoute, 'attached')).toMatchObject([
      { highlighted: true, dimmed: false },
    ])
    expect(viewEdge(view, ID.grant, ID.shop, 'grant')).toMatchObject([{ highlighted: true }])
    expect(viewEdge(view, ID.http, ID.webRoute, 'attached')).toMatchObject([
      { highlighted: false, dimmed: true },
    ])
    expect(viewEdge(view, ID.gw, ID.admin, 'listener')).toMatchObject([{ dimmed: true }])
  })

  it.each<[string, Partial<ViewState>]>([
    ['nothing is selected', {}],
    ['the selection is filtered out', { selected: ID.shopRoute, namespaces: ['team-c'] }],
    ['the selection does not exist', { selected: 'Route:HTTPRoute/team-z/none' }],
  ])('marks nothing when %s', (_, filters) => {
    const view = buildView(topology, findings, state(filters))
    expect(view.nodes.some((n) => n.highlighted || n.dimmed)).toBe(false)
    expect(view.edges.some((e) => e.highlighted || e.dimmed)).toBe(false)
  })

  it('opens the namespace of a selection inside collapsed groups', () => {
    expect(viewNode(select(ID.lostRoute, {}, 5), 'ns:team-a:3')?.type).toBe('group')
    const view = select(ID.webRoute, {}, 5)
    expect(viewNode(view, 'ns:team-a:3')).toBeUndefined()
    expect(viewNode(view, 'ns:team-a:4')).toBeUndefined()
    expect(viewNode(view, ID.webRoute)).toMatchObject({ highlighted: true, group: 'ns:team-a:3' })
    expect(viewNode(view, ID.webSvc)).toMatchObject({ highlighted: true })
    expect(viewNode(view, 'ns:team-c:3')).toMatchObject({ type: 'group', dimmed: true })
  })

  it('can select a group, which lights the paths of what it hides', () => {
    const view = select('ns:team-c:3', {}, 5)
    expect(lit(view)).toEqual([ID.gc, ID.gw, ID.other, ID.http, ID.web, 'ns:team-c:3', 'ns:team-c:4'].sort())
  })

  it.each([ID.http, 'gw:infra/gw'])('selects the Gateway for %s inside its closed group', (selected) => {
    const view = select(selected, { collapsed: ['gw:infra/gw'] })
    expect(viewNode(view, ID.gw)).toMatchObject({ highlighted: true, dimmed: false })
    expect(viewNode(view, ID.apiRoute)?.highlighted).toBe(true)
    expect(viewNode(view, ID.shopRoute)?.dimmed).toBe(true)
  })
})
