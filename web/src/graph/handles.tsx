// Every node has the same four handles: edges enter on the left and leave on the right; grant and
// policy edges run the other way, into a backend's right side, so they get a hidden pair.
import { Handle, Position } from '@xyflow/react'

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
