// Carries out the Dockerfile's instructions outside Docker: each stage is a folder standing for its
// filesystem root; WORKDIR and COPY act on it; RUN runs the command itself in the stage's working
// folder with the stage's ENV (so the Dockerfile's RUNs use paths relative to WORKDIR); RUNs marked
// image-only are skipped and said so. The final stage's root and its runtime settings (USER, ENV,
// WORKDIR, ENTRYPOINT, CMD, HEALTHCHECK, EXPOSE) are what scripts/run-image.sh runs.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { copyArgs, envPairs, execForm, type Instruction, parseDockerfile } from './dockerfile.ts'

export interface ImageConfig {
  base: string
  user: string
  workdir: string
  env: string[]
  entrypoint: string[]
  cmd: string[]
  healthcheck: string[]
  /** HEALTHCHECK's options (--interval=30s …) as written. */
  healthcheckOptions: string[]
  expose: string[]
}

const log = (line: string) => process.stderr.write(`image steps: ${line}\n`)

/** Builds every stage under `out/stages`, the final root at `out/rootfs`; writes `out/config.json`. */
export function buildImage(repo: string, out: string): ImageConfig {
  const file = path.join(repo, 'Dockerfile')
  const { stages } = parseDockerfile(readFileSync(file, 'utf8'), file)
  rmSync(out, { recursive: true, force: true })
  // A stage built FROM an earlier one inherits its files, WORKDIR and ENV.
  const built = new Map<string, { root: string; workdir: string; env: Record<string, string> }>()
  const config: ImageConfig = {
    base: '',
    user: '',
    workdir: '/',
    env: [],
    entrypoint: [],
    cmd: [],
    healthcheck: [],
    healthcheckOptions: [],
    expose: [],
  }
  stages.forEach((stage, index) => {
    const last = index === stages.length - 1
    const root = last ? path.join(out, 'rootfs') : path.join(out, 'stages', stage.name ?? String(index))
    const parent = built.get(stage.base)
    log(`FROM ${stage.base}${stage.name ? ` AS ${stage.name}` : ''} (Dockerfile:${stage.line})`)
    mkdirSync(path.dirname(root), { recursive: true })
    if (parent) cpSync(parent.root, root, { recursive: true, verbatimSymlinks: true })
    else mkdirSync(root, { recursive: true })
    if (!parent) config.base = stage.base
    let workdir = parent?.workdir ?? '/'
    const env: Record<string, string> = { ...parent?.env }
    const inRoot = (p: string) => path.join(root, path.posix.resolve(workdir, p))
    for (const step of stage.instructions) {
      const at = `Dockerfile:${step.line}`
      switch (step.keyword) {
        case 'WORKDIR':
          workdir = path.posix.resolve(workdir, step.text)
          mkdirSync(inRoot('.'), { recursive: true })
          break
        case 'ENV':
          for (const [name, value] of envPairs(step)) env[name] = value
          break
        case 'COPY':
          copy(step, repo, built, inRoot)
          break
        case 'RUN':
          if (step.imageOnly) {
            log(`skipped ${at} RUN ${step.text}: ${step.imageOnly}`)
            break
          }
          log(`${at} RUN ${step.text}`)
          execFileSync('sh', ['-c', step.text], {
            cwd: inRoot('.'),
            // PWD too: a shell passes on the one it inherited, and pnpm would find this
            // repository's workspace from it instead of the stage's.
            env: { ...process.env, ...env, PWD: inRoot('.') },
            stdio: ['ignore', 2, 2],
          })
          break
        case 'USER':
          config.user = step.text
          break
        case 'EXPOSE':
          config.expose.push(...step.text.split(/\s+/))
          break
        case 'ENTRYPOINT':
          config.entrypoint = execForm(step)
          break
        case 'CMD':
          config.cmd = execForm(step)
          break
        case 'HEALTHCHECK': {
          const [, options = '', command = ''] = /^((?:--\S+\s+)*)CMD\s+(.*)$/.exec(step.text) ?? []
          if (!command) throw new Error(`${at}: HEALTHCHECK must be HEALTHCHECK [OPTIONS] CMD [...]`)
          config.healthcheck = execForm({ ...step, text: command })
          config.healthcheckOptions = options.trim().split(/\s+/).filter(Boolean)
          break
        }
        case 'LABEL':
          break
        default:
          throw new Error(`${at}: ${step.keyword} is not carried out by image-steps`)
      }
    }
    if (stage.name) built.set(stage.name, { root, workdir, env })
    if (last) {
      config.workdir = workdir
      config.env = Object.entries(env).map(([name, value]) => `${name}=${value}`)
    }
  })
  writeFileSync(path.join(out, 'config.json'), `${JSON.stringify(config, null, 2)}\n`)
  return config
}

function copy(
  step: Instruction,
  repo: string,
  built: Map<string, { root: string }>,
  inRoot: (p: string) => string,
): void {
  const { from, sources, dest } = copyArgs(step)
  const fromRoot = from === undefined ? repo : built.get(from)?.root
  if (!fromRoot) throw new Error(`Dockerfile:${step.line}: COPY --from=${from} names no earlier stage`)
  const target = inRoot(dest)
  const intoFolder = dest.endsWith('/') || sources.length > 1
  for (const source of sources) {
    // The build context is the repository; --from sources are absolute paths in that stage.
    const resolved = from === undefined ? path.join(repo, source) : path.join(fromRoot, source)
    if (!existsSync(resolved)) throw new Error(`Dockerfile:${step.line}: COPY ${source}: no such file`)
    const isFolder = statSync(resolved).isDirectory()
    // Docker copies a folder's contents, and a file into a folder when the destination ends in '/'.
    const to = !isFolder && intoFolder ? path.join(target, path.basename(source)) : target
    mkdirSync(isFolder ? to : path.dirname(to), { recursive: true })
    cpSync(resolved, to, { recursive: true, verbatimSymlinks: true })
  }
}
