// Listeners that cannot share a port. A Gateway's own listeners outrank its ListenerSets', and older
// ListenerSets outrank newer ones; a conflict inside one tier marks every listener involved.
import { ListenerReason as LR } from '../conditions.ts'
import type { Listener } from '../types/gateway.ts'

export interface ConflictEntry {
  /** 0 for the Gateway's own listeners, then one tier per ListenerSet in precedence order. */
  tier: number
  listener: Listener
  /** `listener http of Gateway infra/shared`, for messages. */
  label: string
}

export interface Conflict {
  reason: typeof LR.HostnameConflict | typeof LR.ProtocolConflict
  message: string
}

/** Listeners on one port and transport share a family only if a hostname can tell them apart. */
function family(protocol: string): string {
  switch (protocol) {
    case 'HTTP':
      return 'http'
    case 'HTTPS':
    case 'TLS':
      return 'tls'
    default:
      return protocol.toLowerCase()
  }
}

function transport(protocol: string): string {
  return protocol === 'UDP' ? 'udp' : 'tcp'
}

export function findConflicts(entries: readonly ConflictEntry[]): Map<number, Conflict> {
  const conflicts = new Map<number, Conflict>()
  const claimed = new Map<string, number[]>() // port/transport -> indexes of entries that hold it
  entries.forEach((entry, index) => {
    const { listener } = entry
    const slot = `${listener.port}/${transport(String(listener.protocol))}`
    const holders = claimed.get(slot) ?? []
    for (const other of holders) {
      const conflict = judgePair(entries[other]!, entry)
      if (!conflict) continue
      if (!conflicts.has(index)) conflicts.set(index, conflict.forSecond)
      if (entries[other]!.tier === entry.tier && !conflicts.has(other))
        conflicts.set(other, conflict.forFirst)
    }
    if (!conflicts.has(index) || holders.every((h) => entries[h]!.tier === entry.tier)) holders.push(index)
    claimed.set(slot, holders)
  })
  return conflicts
}

function judgePair(
  first: ConflictEntry,
  second: ConflictEntry,
): { forFirst: Conflict; forSecond: Conflict } | undefined {
  const a = first.listener
  const b = second.listener
  const port = a.port
  if (family(String(a.protocol)) !== family(String(b.protocol))) {
    const say = (x: ConflictEntry, y: ConflictEntry): Conflict => ({
      reason: LR.ProtocolConflict,
      message: `Port ${port} is also used by ${y.label} with protocol ${y.listener.protocol}; ${x.listener.protocol} and ${y.listener.protocol} cannot share a port.`,
    })
    return { forFirst: say(first, second), forSecond: say(second, first) }
  }
  const ha = (a.hostname ?? '').toLowerCase()
  const hb = (b.hostname ?? '').toLowerCase()
  if (ha !== hb) return undefined
  const say = (y: ConflictEntry): Conflict => ({
    reason: LR.HostnameConflict,
    message: `${y.label} already serves ${ha ? `hostname ${ha}` : 'every hostname (hostname unset)'} on port ${port} with a compatible protocol.`,
  })
  return { forFirst: say(second), forSecond: say(first) }
}
