// Every node has the same handles: edges enter on the left and leave on the right; grant and
// policy edges run the other way, into a backend's right side, so they get a hidden pair; and a
// Gateway's bracket to its ListenerSets leaves from a hidden handle low on its left side.
import { Handle, Position } from '@xyflow/react'
import { BRACKET_FROM } from './edge-geometry.ts'

export function InHandles() {
  return (
    <>
      <Handle type="target" position={Position.Left} id="in" isConnectable={false} />
      <Handle
        type="source"
        position={Position.Left}
        id="out-l"
        isConnectable={false}
        className="gm-handle-hidden"
      />
      {/* A Gateway's bracket to its ListenerSets leaves low on its left side, apart from the class edge. */}
      <Handle
        type="source"
        position={Position.Left}
        id="out-set"
        isConnectable={false}
        className="gm-handle-hidden"
        style={{ top: `${BRACKET_FROM * 100}%` }}
      />
    </>
  )
}

export function OutHandles() {
  return (
    <>
      <Handle type="source" position={Position.Right} id="out" isConnectable={false} />
      <Handle
        type="target"
        position={Position.Right}
        id="in-r"
        isConnectable={false}
        className="gm-handle-hidden"
      />
    </>
  )
}
