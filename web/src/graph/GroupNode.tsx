// Many objects folded into one node (a namespace's routes or backends): how many, how many
// problems among them — aggregation never hides a problem — and a button to open it.

import type { LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import type { GroupViewNode } from '@gatemap/shared/view/model/view-types.ts'
import type { Node, NodeProps } from '@xyflow/react'
import { memo, useContext } from 'react'
import { GraphActions, sameLook } from './actions.ts'
import { HEALTH_GLYPH } from './glyphs.ts'
import { counted } from './node-facts.ts'

export type GroupFlowNode = Node<{ view: LaidOutNode & GroupViewNode }, 'group'>

function GroupNodeView({ data, selected }: NodeProps<GroupFlowNode>) {
  const { view } = data
  const { group } = view
  const actions = useContext(GraphActions)
  const health = HEALTH_GLYPH[group.health]
  return (
    <div
      className={`gm-node gm-group health-${group.health}${view.dimmed ? ' dimmed' : ''}${view.highlighted ? ' highlighted' : ''}${selected ? ' selected' : ''}`}
      title={`${group.label}: ${counted(group.problems, 'problem')}`}
    >
      <div className="gm-node-head">
        <span className="gm-kind">folded</span>
        <span className={`gm-health health-${group.health}`}>
          <span aria-hidden="true">{health.glyph}</span>{' '}
          {group.problems > 0 ? counted(group.problems, 'problem') : health.word}
        </span>
      </div>
      <div className="gm-name">{group.label}</div>
      <button
        type="button"
        className="gm-node-toggle nodrag"
        onClick={(e) => {
          e.stopPropagation()
          actions.toggleGroup(group.id)
        }}
      >
        unfold
      </button>
    </div>
  )
}

export const GroupNode = memo(GroupNodeView, sameLook)
