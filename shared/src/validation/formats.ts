// String formats and patterns as the kube-apiserver checks them. Only the formats the Gateway API
// CRDs use are checked (ipv4, ipv6, date-time); like Kubernetes, other formats are accepted as is.

const patternCache = new Map<string, RegExp>()

/**
 * A JavaScript RegExp for an RE2 pattern from a CRD or a CEL rule. Kubernetes matches unanchored,
 * like `RegExp.test`. RE2's leading `(?i)` becomes the `i` flag; Unicode mode is used when the pattern
 * allows it, because it treats astral characters as one character like RE2 does.
 */
export function compilePattern(pattern: string): RegExp {
  let re = patternCache.get(pattern)
  if (re === undefined) {
    let source = pattern
    let flags = ''
    // RE2 allows the flag group after the anchor too (`^(?i)...`, as in GRPCRoute service names).
    const flagGroup = /^(\^?)\(\?i\)/.exec(source)
    if (flagGroup) {
      source = `${flagGroup[1]}${source.slice(flagGroup[0].length)}`
      flags = 'i'
    }
    try {
      re = new RegExp(source, `${flags}u`)
    } catch {
      // Unicode mode rejects identity escapes such as `\/` in some positions that RE2 accepts.
      re = new RegExp(source, flags)
    }
    patternCache.set(pattern, re)
  }
  return re
}

/** Go's net.ParseIP for dotted IPv4: four decimal octets; leading zeros are accepted (ParseIPSloppy). */
export function isIPv4(s: string): boolean {
  const parts = s.split('.')
  return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255)
}

/** Strict IPv4 as Go's netip.ParseAddr reads it: no leading zeros. */
function isStrictIPv4(s: string): boolean {
  return isIPv4(s) && s.split('.').every((p) => p === '0' || !p.startsWith('0'))
}

/**
 * An IPv6 address in text form (RFC 4291 section 2.2), optionally ending in a dotted IPv4 part.
 * `zone` says whether a `%zone` suffix is allowed.
 */
export function isIPv6(s: string, zone = false): boolean {
  let text = s
  const percent = text.indexOf('%')
  if (percent >= 0) {
    if (!zone || percent === text.length - 1) return false
    text = text.slice(0, percent)
  }
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = (half: string): string[] | undefined => (half === '' ? [] : half.split(':'))
  const head = groups(halves[0] ?? '')
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : []
  if (head === undefined || tail === undefined) return false
  const all = [...head, ...tail]
  let units = 0
  for (const [i, g] of all.entries()) {
    if (i === all.length - 1 && g.includes('.')) {
      if (!isStrictIPv4(g)) return false
      units += 2
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
      units += 1
    } else {
      return false
    }
  }
  return halves.length === 2 ? units < 8 : units === 8
}

/** The `isIP()` CEL function: Go's netip.ParseAddr, then no zones and no IPv4-mapped IPv6. */
export function isIPForCel(s: string): boolean {
  if (isStrictIPv4(s)) return true
  return !s.includes('%') && isIPv6(s) && !isMapped(s)
}

/** Whether an IPv6 text is an IPv4-mapped address (::ffff:a.b.c.d or ::ffff:xxxx:xxxx). */
function isMapped(s: string): boolean {
  return expandIPv6(s).slice(0, 6).join(':') === '0:0:0:0:0:ffff'
}

function expandIPv6(s: string): string[] {
  const parts = (text: string): string[] =>
    text === ''
      ? []
      : text.split(':').flatMap((g) => {
          if (!g.includes('.')) return [Number.parseInt(g, 16).toString(16)]
          const o = g.split('.').map(Number)
          return [
            (((o[0] ?? 0) << 8) | (o[1] ?? 0)).toString(16),
            (((o[2] ?? 0) << 8) | (o[3] ?? 0)).toString(16),
          ]
        })
  const [head = '', tail] = s.split('::')
  const h = parts(head)
  if (tail === undefined) return h
  const t = parts(tail)
  return [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t]
}

const DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$/

/** RFC 3339 date-time (kube-openapi strfmt "date-time"). */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s)
  if (!m) return false
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61
}

/** Why `value` does not have `format`, or undefined when it does (or the format is not checked). */
export function formatProblem(format: string, value: string): string | undefined {
  switch (format) {
    case 'ipv4':
      return isIPv4(value) ? undefined : 'must be of type ipv4'
    case 'ipv6':
      return isIPv6(value) ? undefined : 'must be of type ipv6'
    case 'date-time':
    case 'datetime':
      return isDateTime(value) ? undefined : 'must be of type date-time'
    default:
      return undefined
  }
}
