// Gateway-level settings beyond listeners: infrastructure.parametersRef, the client certificate a
// Gateway presents to backends, and insecure client-certificate validation fallback.
import { CANNOT_CHECK, GatewayCondition as GC, GatewayReason as GR, makeCondition } from '../conditions.ts'
import { groupKind, resolveCertificateRef } from '../refs.ts'
import type { Gateway } from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import { certificateSecretProblem, field } from './listeners.ts'
import { judgeObjectRef } from './objectrefs.ts'
import { existence, type Unreadable } from './readable.ts'
import { list, nsName, type ObjectStore } from './store.ts'
import type { Check, ObjectRef } from './verdicts.ts'

/**
 * Extra Gateway conditions, and Accepted=False/InvalidParameters written over `conditions` (the
 * Gateway's Accepted and Programmed) when the parametersRef cannot be used, Accepted=Unknown/
 * CannotCheck when it cannot be read.
 */
export function gatewayTLSConditions(
  store: ObjectStore,
  gateway: Gateway,
  ref: ObjectRef,
  checks: Check[],
  conditions: Condition[],
  unreadable: Unreadable,
): Condition[] {
  const generation = gateway.metadata.generation
  const namespace = gateway.metadata.namespace ?? ''
  const extra: Condition[] = []

  const params = gateway.spec?.infrastructure?.parametersRef
  if (params) {
    // The stand-in controller takes ConfigMap parameters only; other kinds belong to a specific
    // implementation, and conformance expects an unusable parametersRef to reject the Gateway.
    const isConfigMap = (params.group ?? '') === '' && params.kind === 'ConfigMap'
    const exists =
      isConfigMap &&
      existence(unreadable, 'ConfigMap', () => store.configMaps.has(nsName(namespace, params.name)))
    const at = field(
      ref,
      'spec.infrastructure.parametersRef',
      `${groupKind(params.group ?? '', params.kind)} ${params.name}`,
    )
    if (exists === undefined) {
      const message = `Cannot check ConfigMap ${namespace}/${params.name}: no permission to read ConfigMaps.`
      checks.push({ rule: 'ref.exists', outcome: 'warn', message, fields: [at] })
      // Whether a controller accepts the Gateway turns on parameters nobody here may read: neither
      // True (they may not exist) nor False (they may), as for every reference that cannot be read.
      conditions[0] = makeCondition(GC.Accepted, 'Unknown', CANNOT_CHECK, message, generation)
    } else if (!exists) {
      const message = isConfigMap
        ? `spec.infrastructure.parametersRef names ConfigMap ${namespace}/${params.name}, which does not exist.`
        : `spec.infrastructure.parametersRef names a ${groupKind(params.group ?? '', params.kind)}; Gatemap's stand-in controller only understands ConfigMap parameters, and a controller rejects parameters it cannot use.`
      checks.push({
        rule: 'gateway.parametersRef',
        outcome: 'fail',
        message,
        fields: [at],
        fix: 'Point parametersRef at parameters your controller supports, and make sure they exist.',
      })
      conditions[0] = makeCondition(GC.Accepted, 'False', GR.InvalidParameters, message, generation)
    } else {
      checks.push({
        rule: 'gateway.parametersRef',
        outcome: 'pass',
        message: `ConfigMap ${namespace}/${params.name} exists.`,
        fields: [at],
      })
    }
  }

  const clientCert = gateway.spec?.tls?.backend?.clientCertificateRef
  if (clientCert) {
    const judged = judgeObjectRef(store, {
      from: { ...ref, namespace },
      field: field(ref, 'spec.tls.backend.clientCertificateRef', clientCert.name),
      target: resolveCertificateRef(clientCert, namespace),
      expect: { group: '', kind: 'Secret' },
      label: 'spec.tls.backend.clientCertificateRef',
      exists: (ns, n) => existence(unreadable, 'Secret', () => store.secrets.has(nsName(ns, n))),
    })
    checks.push(...judged.checks)
    const target = resolveCertificateRef(clientCert, namespace)
    const secret =
      judged.outcome === 'resolved' ? store.secrets.get(nsName(target.namespace, target.name)) : undefined
    const problem = secret && certificateSecretProblem(secret)
    if (problem) judged.message = problem
    // A Secret Gatemap may not read is neither resolved nor broken: the spec's True says the
    // controller was able to resolve every reference, which Gatemap cannot say (as for listeners).
    extra.push(
      judged.outcome === 'unknown'
        ? makeCondition(GC.ResolvedRefs, 'Unknown', CANNOT_CHECK, judged.message, generation)
        : judged.outcome === 'resolved' && problem === undefined
          ? makeCondition(
              GC.ResolvedRefs,
              'True',
              GR.ResolvedRefs,
              'The backend client certificate is resolved.',
              generation,
            )
          : makeCondition(
              GC.ResolvedRefs,
              'False',
              judged.outcome === 'notPermitted' ? GR.RefNotPermitted : GR.InvalidClientCertificateRef,
              judged.message,
              generation,
            ),
    )
  }

  const frontend = gateway.spec?.tls?.frontend
  const insecure = [
    frontend?.default?.validation?.mode,
    ...list<{ tls?: { validation?: { mode?: string } } }>(frontend?.perPort).map(
      (p) => p?.tls?.validation?.mode,
    ),
  ].includes('AllowInsecureFallback')
  if (insecure) {
    const message =
      'Client-certificate validation is set to AllowInsecureFallback: clients without a valid certificate are still let in.'
    checks.push({
      rule: 'gateway.tls.frontend.mode',
      outcome: 'warn',
      message,
      fields: [field(ref, 'spec.tls.frontend')],
    })
    extra.push(
      makeCondition(GC.InsecureFrontendValidationMode, 'True', GR.ConfigurationChanged, message, generation),
    )
  }
  return extra
}
