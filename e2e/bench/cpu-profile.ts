// A page's main-thread CPU profile over a span of a benchmark, summed by function: the Chrome
// DevTools Protocol's sampling profiler, self time per function (name, file and line), heaviest first.
// Used by the benchmarks' GATEMAP_BENCH_PROFILE=1; the figures are sampled, so read them as shares.
import path from 'node:path'
import type { Page } from 'playwright-core'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples?: number[]
  timeDeltas?: number[]
}

export interface SelfTime {
  where: string
  ms: number
}

/** Runs `span` with the page's profiler on; returns the `top` functions by self time and the total. */
export async function profileMainThread(
  page: Page,
  span: () => Promise<void>,
  top = 25,
): Promise<{ totalMs: number; functions: SelfTime[] }> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
    await span()
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
    return selfTimes(profile, top)
  } finally {
    await cdp.detach().catch(() => {})
  }
}

function selfTimes(profile: Profile, top: number): { totalMs: number; functions: SelfTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const ms = new Map<string, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let totalMs = 0
  // Each sample's time is the delta to the next one (the last sample's is unknown: left out).
  for (let i = 0; i + 1 < samples.length; i++) {
    const node = byId.get(samples[i]!)
    if (!node) continue
    const { functionName, url, lineNumber } = node.callFrame
    if (functionName === '(idle)' || functionName === '(program)') continue
    const where =
      `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim()
    const dt = (deltas[i + 1] ?? 0) / 1000
    totalMs += dt
    ms.set(where, (ms.get(where) ?? 0) + dt)
  }
  const functions = [...ms]
    .map(([where, t]) => ({ where, ms: t }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
  return { totalMs, functions }
}
