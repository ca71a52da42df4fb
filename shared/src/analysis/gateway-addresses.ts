// The addresses a Gateway asks for (spec.addresses). Gatemap stands in for a controller that
// supports the two predefined address types, IPAddress and Hostname (Extended support); every other
// value, a domain-prefixed one or the deprecated NamedAddress, is implementation-specific, and
// conformance (GatewayStaticAddresses) expects a type the implementation does not support to refuse
// the Gateway: Accepted=False/UnsupportedAddress. Whether an address is free or usable needs the
// implementation's address pools, so values are not judged.
import { GatewayCondition as GC, GatewayReason as GR, makeCondition } from '../conditions.ts'
import type { Gateway } from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import { field } from './listeners.ts'
import { list } from './store.ts'
import type { Check, ObjectRef } from './verdicts.ts'

export const SUPPORTED_ADDRESS_TYPES: readonly string[] = ['IPAddress', 'Hostname']

/** Accepted=False/UnsupportedAddress for the first unsupported entry (with a check naming it), else undefined. */
export function judgeAddresses(gateway: Gateway, ref: ObjectRef, checks: Check[]): Condition | undefined {
  const addresses = list<{ type?: string; value?: string }>(gateway.spec?.addresses)
  // The CRD defaults an unset type to IPAddress.
  const index = addresses.findIndex((a) => !SUPPORTED_ADDRESS_TYPES.includes(a?.type ?? 'IPAddress'))
  if (index < 0) return undefined
  const type = String(addresses[index]?.type)
  const message = `spec.addresses[${index}] has type ${type}; Gatemap stands in for a controller that supports only ${SUPPORTED_ADDRESS_TYPES.join(' and ')} addresses, and a controller refuses a Gateway asking for an address type it does not support.`
  checks.push({
    rule: 'gateway.addresses',
    outcome: 'fail',
    message,
    fields: [field(ref, `spec.addresses[${index}].type`, type)],
    fix: 'Use an address of type IPAddress or Hostname, or a controller that supports this type.',
  })
  return makeCondition(GC.Accepted, 'False', GR.UnsupportedAddress, message, gateway.metadata.generation)
}
