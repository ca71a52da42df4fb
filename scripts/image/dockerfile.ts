// Reads the subset of Dockerfile syntax Gatemap's Dockerfile uses, so that image-steps.ts can carry
// out the instructions themselves rather than a hand-kept copy of them. Anything outside the subset
// is an error naming its line: the steps must never silently differ from the file.

export interface Instruction {
  line: number
  keyword: string
  /** The text after the keyword, continuation lines joined. */
  text: string
  /** The reason from a `# image-only:` comment just above, for RUNs that only make sense in an image. */
  imageOnly?: string
}

export interface Stage {
  line: number
  base: string
  name?: string
  instructions: Instruction[]
}

export interface ParsedDockerfile {
  args: Map<string, string>
  stages: Stage[]
}

const SUPPORTED = new Set([
  'ARG',
  'FROM',
  'WORKDIR',
  'RUN',
  'COPY',
  'ENV',
  'USER',
  'EXPOSE',
  'HEALTHCHECK',
  'ENTRYPOINT',
  'CMD',
  'LABEL',
])

export function parseDockerfile(text: string, file = 'Dockerfile'): ParsedDockerfile {
  const lines = text.split('\n')
  const args = new Map<string, string>()
  const stages: Stage[] = []
  let imageOnly: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1
    let raw = lines[i] ?? ''
    const trimmed = raw.trim()
    if (trimmed === '') continue
    if (trimmed.startsWith('#')) {
      const reason = /^#\s*image-only:\s*(.+)$/.exec(trimmed)?.[1]
      if (reason) imageOnly = reason
      continue
    }
    while (raw.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      raw = `${raw.trimEnd().slice(0, -1).trimEnd()} ${(lines[++i] ?? '').trim()}`
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(raw)
    if (!match) throw new Error(`${file}:${start}: cannot read this line`)
    const keyword = (match[1] ?? '').toUpperCase()
    const rest = (match[2] ?? '').trim()
    if (!SUPPORTED.has(keyword))
      throw new Error(`${file}:${start}: ${keyword} is not supported by image-steps`)
    if (imageOnly && keyword !== 'RUN')
      throw new Error(`${file}:${start}: an image-only comment must stand above a RUN, not ${keyword}`)
    if (keyword === 'ARG' && stages.length === 0) {
      const [name, value] = rest.split('=', 2)
      args.set(name ?? '', value ?? '')
      continue
    }
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)
      if (!from) throw new Error(`${file}:${start}: FROM needs an image and an optional AS name`)
      const base = (from[1] ?? '').replace(/\$\{(\w+)\}/g, (_, n: string) => {
        const value = args.get(n)
        if (value === undefined) throw new Error(`${file}:${start}: ARG ${n} is not declared`)
        return value
      })
      stages.push({ line: start, base, ...(from[2] ? { name: from[2] } : {}), instructions: [] })
      continue
    }
    const stage = stages.at(-1)
    if (!stage) throw new Error(`${file}:${start}: ${keyword} before the first FROM`)
    stage.instructions.push({ line: start, keyword, text: rest, ...(imageOnly ? { imageOnly } : {}) })
    imageOnly = undefined
  }
  if (stages.length === 0) throw new Error(`${file}: no FROM`)
  return { args, stages }
}

/** The words of an exec-form (JSON array) instruction such as CMD ["a", "b"]. */
export function execForm(instruction: Instruction): string[] {
  const json = instruction.text.replace(/^--\S+\s+/g, '')
  try {
    const words: unknown = JSON.parse(json)
    if (Array.isArray(words) && words.every((w) => typeof w === 'string')) return words
  } catch {}
  throw new Error(`Dockerfile:${instruction.line}: ${instruction.keyword} must use the JSON array form`)
}

/** ENV a=b c=d → [['a','b'],['c','d']] (values without spaces or quotes, which is all we use). */
export function envPairs(instruction: Instruction): [string, string][] {
  return instruction.text.split(/\s+/).map((pair) => {
    const at = pair.indexOf('=')
    if (at <= 0) throw new Error(`Dockerfile:${instruction.line}: ENV takes NAME=VALUE pairs`)
    return [pair.slice(0, at), pair.slice(at + 1)]
  })
}

/** COPY [--from=stage] src... dest */
export function copyArgs(instruction: Instruction): { from?: string; sources: string[]; dest: string } {
  const words = instruction.text.split(/\s+/)
  let from: string | undefined
  while (words[0]?.startsWith('--')) {
    const flag = words.shift() ?? ''
    const value = /^--from=(.+)$/.exec(flag)?.[1]
    if (!value) throw new Error(`Dockerfile:${instruction.line}: COPY flag ${flag} is not supported`)
    from = value
  }
  const dest = words.pop()
  if (!dest || words.length === 0)
    throw new Error(`Dockerfile:${instruction.line}: COPY needs a source and a destination`)
  return { ...(from ? { from } : {}), sources: words, dest }
}
