// Live, reconnecting or disconnected, with the time of the last update — and whether the source
// behind the server (the cluster's API server) is answering, since a live socket to Gatemap does
// not mean live data from the cluster.
import type { KindState } from '@gatemap/shared'
import type { Connection } from '@gatemap/shared/view/frame/messages.ts'
import { useEffect, useState } from 'react'
import { clockTime } from './clock.ts'

const time = (ms: number | undefined) => (ms ? clockTime(ms) : 'never')

export function isStale(connection: Connection, kinds: readonly KindState[]): boolean {
  return connection.state !== 'live' || kinds.some((k) => k.state === 'failing')
}

export function ConnectionIndicator({
  connection,
  kinds,
  onReconnect,
}: {
  connection: Connection
  kinds: readonly KindState[]
  onReconnect(): void
}) {
  const [, tick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000)
    return () => clearInterval(timer)
  }, [])
  const failing = kinds.filter((k) => k.state === 'failing')
  let state: string = connection.state
  let text: string
  if (connection.state === 'live' && failing.length > 0) {
    state = 'source-failing'
    const retry = failing
      .map((k) => k.retryAt)
      .filter(Boolean)
      .sort()[0]
    text = `Connected, but the cluster is not answering (${failing.length} kinds failing${retry ? `, retry at ${clockTime(retry)}` : ''}). Data as of ${time(connection.lastUpdate)}.`
  } else if (connection.state === 'live') {
    text = `Live · last update ${time(connection.lastUpdate)}`
  } else if (connection.state === 'connecting') {
    text = 'Connecting…'
  } else {
    const wait = connection.retryAt ? Math.max(0, Math.round((connection.retryAt - Date.now()) / 1000)) : 0
    text = `${connection.state === 'reconnecting' ? 'Reconnecting' : 'Disconnected'}: ${connection.reason ?? 'no connection'}; retrying in ${wait} s. Data as of ${time(connection.lastUpdate)}.`
  }
  const glyph = state === 'live' ? '●' : state === 'connecting' ? '○' : '⚠'
  return (
    <div
      className={`gm-connection state-${state}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      data-state={state}
    >
      <span aria-hidden="true">{glyph}</span> {text}
      {connection.state === 'disconnected' || connection.state === 'reconnecting' ? (
        <button type="button" onClick={onReconnect}>
          Retry now
        </button>
      ) : null}
    </div>
  )
}
