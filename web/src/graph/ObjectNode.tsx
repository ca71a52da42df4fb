// One Gateway API object in the graph: kind, name, the facts that matter for its role, and its
// health as a glyph and a word. Memoised on its data and selection (actions.ts: sameLook).

import type { LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import type { ObjectViewNode } from '@gatemap/shared/view/model/view-types.ts'
import type { Node, NodeProps } from '@xyflow/react'
import { memo, useContext } from 'react'
import { GraphActions, sameLook } from './actions.ts'
import { HEALTH_GLYPH, ROLE_LABEL } from './glyphs.ts'
import { counted, facts } from './node-facts.ts'
import { type FlowNodeData, listenerGroupOf } from './to-flow.ts'

export type ObjectFlowNode = Node<FlowNodeData & { view: LaidOutNode & ObjectViewNode }, 'object'>

function ObjectNodeView({ data, selected }: NodeProps<ObjectFlowNode>) {
  const { view } = data
  const { node } = view
  const actions = useContext(GraphActions)
  const health = HEALTH_GLYPH[view.health]
  const kind =
    node.role === 'Route' || node.role === 'Backend' || node.role === 'Policy'
      ? node.object.kind
      : ROLE_LABEL[node.role]
  const ns = node.object.namespace
  const gatewayGroup = listenerGroupOf(view)
  const flags = [
    view.problems > 0 ? counted(view.problems, 'problem') : '',
    node.detail.awaiting ? 'no controller has accepted this yet' : '',
    view.listenersDown
      ? `${view.listenersDown === 1 ? 'its listener' : `${view.listenersDown} listeners`} cannot serve`
      : '',
    node.disagrees ? 'status disagrees' : '',
    node.stale ? 'status stale' : '',
  ].filter(Boolean)
  const lines = facts(view)
  return (
    <div
      className={`gm-node role-${node.role} health-${view.health}${view.dimmed ? ' dimmed' : ''}${view.highlighted ? ' highlighted' : ''}${selected ? ' selected' : ''}${node.mesh ? ' mesh' : ''}`}
      title={[`${kind} ${ns ? `${ns}/` : ''}${node.label}: ${health.word}`, ...lines, ...flags].join('\n')}
    >
      <div className="gm-node-head">
        <span className="gm-kind">{kind}</span>
        <span className={`gm-health health-${view.health}`}>
          <span aria-hidden="true">{health.glyph}</span> {health.word}
        </span>
      </div>
      <div className="gm-name">
        {node.role === 'Listener' ? (
          <>
            <span className="gm-ns">{node.object.name} · </span>
            {node.label}
          </>
        ) : (
          <>
            {ns ? <span className="gm-ns">{ns}/</span> : null}
            {node.label}
          </>
        )}
      </div>
      {lines.map((f) => (
        <div className="gm-fact" key={f}>
          {f}
        </div>
      ))}
      {flags.length > 0 ? <div className="gm-flags">⚑ {flags.join(' · ')}</div> : null}
      {gatewayGroup ? (
        <button
          type="button"
          className="gm-node-toggle nodrag"
          onClick={(e) => {
            e.stopPropagation()
            actions.toggleGroup(gatewayGroup)
          }}
        >
          {data.listenersFolded ? 'show listeners' : 'fold listeners'}
        </button>
      ) : null}
    </div>
  )
}

export const ObjectNode = memo(ObjectNodeView, sameLook)
