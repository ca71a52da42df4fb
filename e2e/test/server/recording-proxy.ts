// A loopback proxy in front of the real API server that records every request, can rewrite one, and
// can cut the open watch connections as a dropped network would. The API server behind it is real:
// its answers (WatchList streams, bookmarks, 410s) pass through untouched.
import { readFileSync } from 'node:fs'
import http, { type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { KubeConfig } from '@kubernetes/client-node'
import type { Cluster } from '../../cluster/harness.ts'

export interface ProxiedRequest {
  path: string
  query: URLSearchParams
  kind: 'list' | 'watch' | 'watch-list' | 'other'
  userAgent: string | undefined
}

export class RecordingProxy {
  readonly requests: ProxiedRequest[] = []
  /** Changes the next request it returns true for (then it is dropped). */
  rewrite: ((url: URL) => boolean) | undefined
  private readonly open = new Set<ServerResponse>()
  private readonly server: http.Server
  private readonly cluster: Cluster

  private constructor(cluster: Cluster) {
    this.cluster = cluster
    const ca = readFileSync(cluster.state.caFile)
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', cluster.server)
      if (this.rewrite?.(url)) this.rewrite = undefined
      const query = url.searchParams
      const kind =
        req.method !== 'GET'
          ? 'other'
          : query.get('watch')
            ? query.get('sendInitialEvents')
              ? 'watch-list'
              : 'watch'
            : 'list'
      this.requests.push({
        path: url.pathname,
        query: new URLSearchParams(query),
        kind,
        userAgent: req.headers['user-agent'],
      })
      if (kind === 'watch' || kind === 'watch-list') {
        this.open.add(res)
        res.on('close', () => this.open.delete(res))
      }
      const upstream = https.request(
        url,
        { method: req.method, headers: { ...req.headers, host: url.host }, ca },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
        },
      )
      upstream.on('error', () => res.destroy())
      res.on('close', () => upstream.destroy())
      req.pipe(upstream)
    })
  }

  static async start(cluster: Cluster): Promise<RecordingProxy> {
    const proxy = new RecordingProxy(cluster)
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  /** A kubeconfig that reaches the cluster through this proxy, with the given user's token. */
  kubeConfig(token: string): KubeConfig {
    const kc = new KubeConfig()
    kc.loadFromOptions({
      clusters: [
        {
          name: 'proxy',
          server: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'user', token }],
      contexts: [{ name: 'proxy', cluster: 'proxy', user: 'user' }],
      currentContext: 'proxy',
    })
    return kc
  }

  get adminToken(): string {
    return this.cluster.admin.getCurrentUser()?.token ?? ''
  }

  /** Cuts every open watch connection mid-stream; returns how many. */
  cutWatches(): number {
    const count = this.open.size
    for (const res of this.open) res.socket?.destroy()
    return count
  }

  async close(): Promise<void> {
    this.cutWatches()
    this.server.closeAllConnections()
    await new Promise((resolve) => this.server.close(resolve))
  }
}
