// The Trace tab: a form for one request (HTTP, gRPC, TLS or TCP) to one Gateway, and below it where
// that request goes. The form checks its fields with the shared request parser before tracing, so a
// wrong field is named next to itself; the trace itself runs in the graph worker.
import type { ObjectRef } from '@gatemap/shared'
import type { FrameTrace } from '@gatemap/shared/view/frame/trace.ts'
import {
  fieldLabel,
  parseTraceQuery,
  queryKey,
  TRACE_MODES,
  type TraceField,
  type TraceMode,
  type TraceQuery,
} from '@gatemap/shared/view/model/trace-query.ts'
import { type FormEvent, useEffect, useState } from 'react'
import { TraceExplanation } from './TraceExplanation.tsx'
import './trace.css'

const MODE_LABEL: Record<TraceMode, string> = { http: 'HTTP', grpc: 'gRPC', tls: 'TLS', tcp: 'TCP' }
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

const PLACEHOLDER: Record<TraceMode, string> = {
  http: 'http://shop.example.com/api/v2/items',
  grpc: 'grpc.example.com:443',
  tls: 'secure.example.com:443',
  tcp: 'db.example.com:5432',
}

/** The form before anything is typed. */
export const BLANK_TRACE: TraceQuery = { gateway: '', mode: 'http', target: '', method: 'GET', headers: [] }

type Errors = Partial<Record<TraceField, string>>

/** A field with its label above and its error (if any) below, tied together for screen readers. */
function Field({
  id,
  field,
  mode,
  errors,
  hint,
  targetKind,
  children,
}: {
  id: string
  field: TraceField
  mode: TraceMode
  targetKind?: 'Service' | undefined
  errors: Errors
  hint?: string
  children(props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }): React.ReactNode
}) {
  const error = errors[field]
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ')
  return (
    <div className="gm-trace-field">
      <label htmlFor={id}>{fieldLabel(field, mode, targetKind)}</label>
      {children({
        id,
        'aria-invalid': error !== undefined,
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint ? (
        <span id={`${id}-hint`} className="gm-muted gm-trace-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="gm-trace-error" data-testid={`trace-error-${field}`}>
          {fieldLabel(field, mode, targetKind)}: {error}
        </span>
      ) : null}
    </div>
  )
}

export function TracePanel({
  query,
  traced,
  gateways,
  services = [],
  trace,
  onTrace,
  onClear,
  onOpen,
  focusRequest = 0,
}: {
  /** Grows each time the tab is opened from elsewhere (toolbar, "Trace a request here"): focus the form. */
  focusRequest?: number
  /** What the form starts from (the trace in the address bar, or a listener's "Trace a request here"). */
  query: TraceQuery
  /** The request the worker traces (the address bar's), if any. */
  traced: TraceQuery | undefined
  gateways: string[]
  /** Services that mesh routes attach to: a mesh (GAMMA) request can be sent to one. */
  services?: string[]
  /** The worker's answer, once it has traced `query`. */
  trace: FrameTrace | undefined
  onTrace(query: TraceQuery): void
  onClear(): void
  onOpen(object: ObjectRef): void
}) {
  const [form, setForm] = useState<TraceQuery>(query)
  const [errors, setErrors] = useState<Errors>({})
  // A new query from outside (the address bar, "Trace a request here") replaces what the form holds.
  const incoming = queryKey(query)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the query's fields
  useEffect(() => {
    setForm(query)
    setErrors({})
  }, [incoming])
  // Opened from a button elsewhere: the keyboard lands in the first field left to fill.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new request moves the focus
  useEffect(() => {
    if (focusRequest === 0) return
    document.getElementById(query.gateway ? 'gm-trace-target' : 'gm-trace-gateway')?.focus()
  }, [focusRequest])
  const set = (patch: Partial<TraceQuery>) => setForm((f) => ({ ...f, ...patch }))
  const answer = trace && traced && trace.answer.key === queryKey(traced) ? trace.answer : undefined
  // The worker's errors (a Gateway that is not there) are shown until the form is changed and sent again.
  const shown: Errors = {
    ...(answer?.errors && queryKey(form) === answer.key ? answer.errors : {}),
    ...errors,
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next = { ...form, headers: form.headers.filter((h) => h.trim() !== '') }
    const parsed = parseTraceQuery(next)
    setErrors(parsed.ok ? {} : parsed.errors)
    if (parsed.ok) onTrace(next)
  }
  const http = form.mode === 'http'
  const mesh = form.targetKind === 'Service'
  const parents = mesh ? services : gateways
  const options = parents.includes(form.gateway) || !form.gateway ? parents : [form.gateway, ...parents]

  return (
    <section className="gm-trace" aria-labelledby="gm-trace-title" data-testid="trace-panel">
      <h3 id="gm-trace-title">Trace a request</h3>
      <form onSubmit={submit} noValidate aria-describedby="gm-trace-about">
        <p id="gm-trace-about" className="gm-muted">
          Where one request goes by the Gateway API’s precedence rules: the listener, the route and rule that
          win, the filters and backends, and why every other candidate lost.
        </p>
        {services.length > 0 || mesh ? (
          <fieldset className="gm-trace-modes">
            <legend>Send to</legend>
            {(['Gateway', 'Service'] as const).map((k) => (
              <label key={k} className="gm-check">
                <input
                  type="radio"
                  name="gm-trace-to"
                  value={k}
                  checked={(form.targetKind ?? 'Gateway') === k}
                  onChange={() => {
                    setErrors({})
                    const { targetKind: _, ...rest } = form
                    setForm(
                      k === 'Service'
                        ? { ...rest, gateway: '', targetKind: 'Service' }
                        : { ...rest, gateway: '' },
                    )
                  }}
                />
                {k === 'Gateway' ? 'a Gateway' : 'a Service (mesh)'}
              </label>
            ))}
          </fieldset>
        ) : null}
        <Field
          id="gm-trace-gateway"
          field="gateway"
          mode={form.mode}
          targetKind={form.targetKind}
          errors={shown}
        >
          {(props) => (
            <select {...props} value={form.gateway} onChange={(e) => set({ gateway: e.target.value })}>
              <option value="">{mesh ? 'Choose a Service' : 'Choose a Gateway'}</option>
              {options.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="gm-trace-modes">
          <legend>Request</legend>
          {TRACE_MODES.map((m) => (
            <label key={m} className="gm-check">
              <input
                type="radio"
                name="gm-trace-mode"
                value={m}
                checked={form.mode === m}
                onChange={() => {
                  setErrors({})
                  set({ mode: m, method: m === 'grpc' ? '' : m === 'http' ? 'GET' : '' })
                }}
              />
              {MODE_LABEL[m]}
            </label>
          ))}
        </fieldset>
        {http || form.mode === 'grpc' ? (
          <Field
            id="gm-trace-method"
            field="method"
            mode={form.mode}
            errors={shown}
            {...(http ? {} : { hint: 'e.g. shop.v1.Cart/AddItem' })}
          >
            {(props) => (
              <>
                <input
                  {...props}
                  type="text"
                  list={http ? 'gm-trace-methods' : undefined}
                  value={form.method}
                  placeholder={http ? 'GET' : 'pkg.Service/Method'}
                  onChange={(e) => set({ method: e.target.value })}
                  autoComplete="off"
                  spellCheck={false}
                />
                {http ? (
                  <datalist id="gm-trace-methods">
                    {METHODS.map((m) => (
                      <option key={m} value={m} />
                    ))}
                  </datalist>
                ) : null}
              </>
            )}
          </Field>
        ) : null}
        <Field
          id="gm-trace-target"
          field="target"
          mode={form.mode}
          errors={shown}
          hint={
            mesh
              ? 'Its port picks the Service port whose mesh routes decide (host names are not matched for a Service).'
              : http
                ? 'Its host is the Host header and the SNI; its port picks the listener (80 for http, 443 for https).'
                : form.mode === 'tcp'
                  ? 'The port picks the TCP (or UDP) listener.'
                  : 'The SNI picks the TLSRoute; the port picks the listener.'
          }
        >
          {(props) => (
            <input
              {...props}
              type="text"
              value={form.target}
              placeholder={PLACEHOLDER[form.mode]}
              onChange={(e) => set({ target: e.target.value })}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        {http || form.mode === 'grpc' ? (
          <Field
            id="gm-trace-headers"
            field="headers"
            mode={form.mode}
            errors={shown}
            hint="One a line, Name: value (a Host header replaces only the Host header)."
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={form.headers.join('\n')}
                placeholder="x-canary: true"
                onChange={(e) => set({ headers: e.target.value.split('\n') })}
                spellCheck={false}
              />
            )}
          </Field>
        ) : null}
        <div className="gm-details-actions">
          <button type="submit" className="gm-primary">
            Trace
          </button>
          <button
            type="button"
            onClick={() => {
              setErrors({})
              onClear()
            }}
          >
            Clear the trace
          </button>
        </div>
      </form>
      {answer?.result ? (
        <TraceExplanation answer={answer} onOpen={onOpen} />
      ) : traced && !answer ? (
        <p className="gm-muted" role="status">
          Tracing…
        </p>
      ) : null}
    </section>
  )
}
