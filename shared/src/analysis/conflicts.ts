// Listeners that cannot share a port. Conflicts are settled in precedence order: the Gateway's own
// listeners first (where every listener of a conflicting pair is marked, as the spec says for one
// Gateway), then each ListenerSet oldest first, whose listeners lose to any listener already
// accepted before them.
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

/** Listeners on one port share a family only when a hostname (SNI or Host) can tell them apart. */
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
  const holders = new Map<string, number[]>() // port/transport -> entries that hold it
  const slotOf = (e: ConflictEntry) => `${e.listener.port}/${transport(String(e.listener.protocol))}`
  // The Gateway's own listeners all hold their ports, conflicting or not.
  entries.forEach((entry, index) => {
    if (entry.tier !== 0) return
    const slot = slotOf(entry)
    for (const other of holders.get(slot) ?? []) {
      const conflict = judgePair(entries[other]!, entry)
      if (!conflict) continue
      if (!conflicts.has(index)) conflicts.set(index, conflict)
      if (!conflicts.has(other)) conflicts.set(other, judgePair(entry, entries[other]!)!)
    }
    holders.set(slot, [...(holders.get(slot) ?? []), index])
  })
  entries.forEach((entry, index) => {
    if (entry.tier === 0) return
    const slot = slotOf(entry)
    const held = holders.get(slot) ?? []
    for (const other of held) {
      const conflict = judgePair(entries[other]!, entry)
      if (conflict) {
        conflicts.set(index, conflict)
        return
      }
    }
    holders.set(slot, [...held, index])
  })
  return conflicts
}

/** The conflict `second` has because `first` already holds the port, if any. */
function judgePair(first: ConflictEntry, second: ConflictEntry): Conflict | undefined {
  const a = first.listener
  const b = second.listener
  if (family(String(a.protocol)) !== family(String(b.protocol))) {
    return {
      reason: LR.ProtocolConflict,
      message: `Port ${b.port} is also used by ${first.label} with protocol ${a.protocol}; ${b.protocol} and ${a.protocol} cannot share a port.`,
    }
  }
  const ha = (a.hostname ?? '').toLowerCase()
  const hb = (b.hostname ?? '').toLowerCase()
  if (ha !== hb) return undefined
  return {
    reason: LR.HostnameConflict,
    message: `${first.label} already serves ${ha ? `hostname ${ha}` : 'every hostname (hostname unset)'} on port ${b.port} with a compatible protocol.`,
  }
}
