// A strict reader of Prometheus' text exposition format (version 0.0.4), for testing /metrics: any
// departure from the format is an error naming the line, where Prometheus itself would refuse the
// scrape or read it differently. It checks line syntax (names, label sets, escapes, values,
// timestamps), one HELP and one TYPE per family with TYPE before the family's samples, families
// kept together, no duplicate series, counters never negative, and the sample names each type
// allows (histogram _bucket with le, _sum, _count; summary quantile, _sum, _count).

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped'

export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

export interface Family {
  name: string
  type: MetricType
  help?: string
  samples: Sample[]
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped'])

export class ExpositionError extends Error {}

export function parseExposition(text: string): Map<string, Family> {
  if (text !== '' && !text.endsWith('\n')) throw new ExpositionError('the last line does not end with \\n')
  const families = new Map<string, Family>()
  const finished = new Set<string>()
  const series = new Set<string>()
  const typeSeen = new Set<string>()
  let current: string | undefined
  const lines = text.split('\n').slice(0, -1)
  lines.forEach((line, index) => {
    const fail = (message: string): never => {
      throw new ExpositionError(`line ${index + 1}: ${message}: ${JSON.stringify(line)}`)
    }
    if (line.trim() === '') return
    if (line.startsWith('#')) {
      const match = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line)
      if (!match) return // a comment
      const [, keyword, name, rest = ''] = match as unknown as [string, 'HELP' | 'TYPE', string, string?]
      if (!METRIC_NAME.test(name)) fail(`bad metric name ${name}`)
      const family = familyOf(name, fail)
      if (keyword === 'HELP') {
        if (family.help !== undefined) fail(`a second HELP for ${name}`)
        family.help = unescapeText(rest, false, fail)
      } else {
        if (family.samples.length > 0) fail(`TYPE for ${name} after its samples`)
        if (family.type !== 'untyped' || typeSeen.has(name)) fail(`a second TYPE for ${name}`)
        if (!TYPES.has(rest.trim() as MetricType)) fail(`unknown type ${rest}`)
        family.type = rest.trim() as MetricType
        typeSeen.add(name)
      }
      return
    }
    const sample = parseSample(line, fail)
    const family = familyOfSample(sample.name, fail)
    checkSampleName(family, sample, fail)
    const key = `${sample.name}{${Object.entries(sample.labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',')}}`
    if (series.has(key)) fail(`duplicate series ${key}`)
    series.add(key)
    family.samples.push(sample)
  })
  return families

  function familyOf(name: string, fail: (m: string) => never): Family {
    let family = families.get(name)
    if (!family) {
      family = { name, type: 'untyped', samples: [] }
      families.set(name, family)
    } else if (finished.has(name)) {
      fail(`${name} appears again after other families`)
    }
    switchTo(name)
    return family
  }

  function familyOfSample(sampleName: string, fail: (m: string) => never): Family {
    // A sample belongs to the family it names, or for histograms and summaries to the family
    // its name extends with _bucket, _sum or _count.
    for (const suffix of ['', '_bucket', '_sum', '_count']) {
      if (suffix && !sampleName.endsWith(suffix)) continue
      const base = sampleName.slice(0, sampleName.length - suffix.length)
      const family = families.get(base)
      if (family && (suffix === '' || family.type === 'histogram' || family.type === 'summary')) {
        if (finished.has(base)) fail(`${base} appears again after other families`)
        switchTo(base)
        return family
      }
    }
    return familyOf(sampleName, fail)
  }

  function switchTo(name: string): void {
    if (current !== undefined && current !== name) finished.add(current)
    current = name
  }
}

function checkSampleName(family: Family, sample: Sample, fail: (m: string) => never): void {
  const suffix = sample.name.slice(family.name.length)
  switch (family.type) {
    case 'counter':
      if (suffix !== '') fail(`counter ${family.name} has a sample named ${sample.name}`)
      if (!(sample.value >= 0)) fail(`counter ${family.name} is ${sample.value}`)
      break
    case 'gauge':
    case 'untyped':
      if (suffix !== '') fail(`${family.type} ${family.name} has a sample named ${sample.name}`)
      break
    case 'histogram':
      if (suffix === '_bucket') {
        if (sample.labels.le === undefined) fail(`bucket of ${family.name} without le`)
      } else if (suffix !== '_sum' && suffix !== '_count') {
        fail(`histogram ${family.name} has a sample named ${sample.name}`)
      }
      break
    case 'summary':
      if (suffix === '') {
        if (sample.labels.quantile === undefined) fail(`summary ${family.name} sample without quantile`)
      } else if (suffix !== '_sum' && suffix !== '_count') {
        fail(`summary ${family.name} has a sample named ${sample.name}`)
      }
      break
  }
}

function parseSample(line: string, fail: (m: string) => never): Sample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)
  if (!nameMatch) return fail('a sample must start with a metric name')
  const name = nameMatch[0]
  let at = name.length
  const labels: Record<string, string> = {}
  if (line[at] === '{') {
    at++
    while (line[at] !== '}') {
      const labelMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(at))
      if (!labelMatch) fail(`bad label name at column ${at + 1}`)
      const label = labelMatch![0]
      if (!LABEL_NAME.test(label) || label.startsWith('__')) fail(`reserved or bad label name ${label}`)
      if (label in labels) fail(`label ${label} twice`)
      at += label.length
      if (line.slice(at, at + 2) !== '="') fail(`expected =" after ${label}`)
      at += 2
      let raw = ''
      while (at < line.length && line[at] !== '"') {
        if (line[at] === '\\') {
          raw += line.slice(at, at + 2)
          at += 2
        } else raw += line[at++]
      }
      if (line[at] !== '"') fail(`unterminated value of ${label}`)
      at++
      labels[label] = unescapeText(raw, true, fail)
      if (line[at] === ',') at++
      else if (line[at] !== '}') fail(`expected , or } after the value of ${label}`)
    }
    at++
  }
  if (line[at] !== ' ') fail('expected one space before the value')
  const parts = line.slice(at + 1).split(' ')
  if (parts.length > 2 || parts.some((p) => p === '')) fail('expected a value and an optional timestamp')
  const value = parseValue(parts[0]!, fail)
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) fail(`bad timestamp ${parts[1]}`)
  return { name, labels, value }
}

function parseValue(text: string, fail: (m: string) => never): number {
  // Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case.
  const special = /^([-+]?)(nan|inf|infinity)$/i.exec(text)
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return special[1] ? fail(`bad value ${text}`) : Number.NaN
    return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return fail(`bad value ${text}`)
  return Number(text)
}

/** HELP allows \\ and \n; label values also \". Any other escape is an error. */
function unescapeText(text: string, quotes: boolean, fail: (m: string) => never): string {
  return text.replace(/\\(.?)/g, (_, c: string) => {
    if (c === '\\') return '\\'
    if (c === 'n') return '\n'
    if (c === '"' && quotes) return '"'
    return fail(`bad escape \\${c}`)
  })
}
