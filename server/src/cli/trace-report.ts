// `gatemap trace` output: the path in words (text) or one JSON object with the fields the issue of
// record names (listener, route, rule, outcome, status, backends, request, redirect, candidates).
import type { TraceResult } from '@gatemap/shared'

function headerObject(headers: readonly [string, string][]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of headers) out[name] = out[name] === undefined ? value : `${out[name]},${value}`
  return out
}

export function traceJson(r: TraceResult): string {
  const json = {
    listener: r.listener
      ? {
          gateway: r.listener.gateway,
          name: r.listener.name,
          ...(r.listener.owner.kind === 'ListenerSet'
            ? { listenerSet: `${r.listener.owner.namespace}/${r.listener.owner.name}` }
            : {}),
          port: r.listener.port,
          protocol: r.listener.protocol,
          ...(r.listener.hostname ? { hostname: r.listener.hostname } : {}),
        }
      : null,
    ...(r.servicePort ? { servicePort: r.servicePort } : {}),
    route: r.route,
    rule: r.rule ? r.rule.index : null,
    ...(r.rule?.name ? { ruleName: r.rule.name } : {}),
    ...(r.rule?.match ? { match: r.rule.match } : {}),
    outcome: r.outcome,
    status: r.status,
    backends: r.backends.map((b) => ({
      kind: b.kind,
      namespace: b.namespace,
      name: b.name,
      ...(b.port !== undefined ? { port: b.port } : {}),
      weight: b.weight,
      share: b.share,
      ...(b.note ? { note: b.note } : {}),
    })),
    ...(r.errorShare > 0 ? { errorShare: r.errorShare } : {}),
    request: r.forwarded
      ? {
          host: r.forwarded.host ?? null,
          path: `${r.forwarded.path}${r.forwarded.query ? `?${r.forwarded.query}` : ''}`,
          headers: headerObject(r.forwarded.headers),
        }
      : null,
    redirect: r.redirect ? { location: r.redirect.location, statusCode: r.redirect.statusCode } : null,
    filters: r.filters,
    mirrors: r.mirrors,
    ...(r.responseHeaders.length || r.responseRemoved.length
      ? { responseHeaders: { set: headerObject(r.responseHeaders), remove: r.responseRemoved } }
      : {}),
    candidates: r.candidates,
    otherListeners: r.otherListeners.map((l) => ({
      ...(l.owner.kind === 'ListenerSet' ? { listenerSet: `${l.owner.namespace}/${l.owner.name}` } : {}),
      name: l.name,
      reason: l.reason,
    })),
    steps: r.steps,
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

export function traceText(r: TraceResult): string {
  const lines = [...r.steps]
  if (r.forwarded && r.outcome === 'backend') {
    const f = r.forwarded
    lines.push(
      `The backend receives: Host ${f.host ?? '(none)'}, path ${f.path}${f.query ? `?${f.query}` : ''}${f.headers.length ? `, headers ${f.headers.map(([n, v]) => `${n}: ${v}`).join('; ')}` : ''}.`,
    )
  }
  if (r.candidates.length) {
    lines.push('', `Other candidates (${r.candidates.length}):`)
    for (const c of r.candidates) {
      const rule = c.rule === null ? '' : ` rule ${c.rule}${c.ruleName ? ` (${c.ruleName})` : ''}`
      lines.push(`  ${c.kind} ${c.namespace}/${c.name}${rule} — ${c.step}: ${c.reason}`)
    }
  }
  if (r.otherListeners.length) {
    lines.push('', 'Other listeners:')
    for (const l of r.otherListeners) {
      lines.push(
        `  ${l.owner.kind === 'ListenerSet' ? `ListenerSet ${l.owner.namespace}/${l.owner.name} ` : ''}${l.name} — ${l.reason}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}
