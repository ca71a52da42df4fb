// `node server/src/cli/bundle.ts [OUT_DIR]`: the CLI as a few bundled ES modules (default
// server/dist/cli, entry main.mjs), which ./gatemap runs when it is newer than the sources. Loading
// the ~400 modules of the sources one by one (resolving, reading and compiling each, zod and the wire
// schemas included though analyze never uses them) was most of a small `gatemap analyze`: measured
// 0.75 → 0.34 s CPU and 92 → 70 MB for a one-object folder, and `serve` with one object 179 → 126 MB.
// Each command's own code (serve, trace, the cluster source) stays a chunk of its own, loaded by the
// same dynamic imports as from the sources.
import { mkdirSync, renameSync, rmSync, utimesSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { build } from 'rolldown'

const SERVER = resolve(import.meta.dirname, '../..')

/**
 * The V8 flags ./gatemap starts the CLI with (written there too; a test checks they agree). A
 * smaller young generation: on a machine with plenty of memory V8 lets each semi-space grow to 32 MB
 * and much of what `analyze` allocates while reading dies young, so the peak RSS was mostly collector
 * headroom. Measured on the realistic folder: 5,000 routes 411 → 310 MB, 10,000 routes 610 → 550 MB,
 * the same CPU within noise. Only the young generation is bounded; the heap still grows as a big
 * cluster needs.
 */
export const GATEMAP_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8']

/**
 * A module's `import.meta.url` (serve finds the examples folder and the version its package.json
 * through it) made relative to the bundle, so it still names the source file and the tree can move
 * (the image copies it from /src to /app).
 */
function keepModuleLocations(outDir: string) {
  return {
    name: 'gatemap-keep-module-locations',
    transform(code: string, id: string) {
      // Only the workspace's own files: not dependencies, not the bundler's virtual modules (\0...).
      if (!isAbsolute(id) || id.includes('/node_modules/') || !code.includes('import.meta.url')) return null
      const from = relative(outDir, id).split('\\').join('/')
      return code.replaceAll('import.meta.url', `new URL(${JSON.stringify(from)}, import.meta.url).href`)
    },
  }
}

export async function bundleCli(outDir = join(SERVER, 'dist/cli')): Promise<string> {
  const target = resolve(outDir)
  // The bundle is stamped with the time the build began: a source saved during the build is newer
  // than it, so ./gatemap builds again next time instead of running a stale bundle.
  const began = new Date()
  // Written beside the target and renamed into place, so a concurrent run never loads half a bundle.
  const partial = `${target}.${process.pid}.tmp`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(dirname(target), { recursive: true })
  await build({
    input: { main: join(SERVER, 'src/cli/main.ts') },
    platform: 'node',
    cwd: SERVER,
    logLevel: 'warn',
    plugins: [keepModuleLocations(target)],
    output: {
      dir: partial,
      format: 'esm',
      // .mjs: a .js file outside a "type": "module" package is first tried as CommonJS (~35 ms).
      entryFileNames: '[name].mjs',
      chunkFileNames: '[name]-[hash].mjs',
      // Without comments and in ASCII the text is a third smaller and V8 reads it as one-byte text
      // (decoding UTF-8 was ~35 ms of a start); not minified, so stacks stay readable.
      charset: 'ascii',
      comments: false,
      minify: false,
    },
  })
  const old = `${target}.${process.pid}.old`
  try {
    renameSync(target, old)
  } catch {
    // No previous bundle.
  }
  renameSync(partial, target)
  rmSync(old, { recursive: true, force: true })
  const entry = join(target, 'main.mjs')
  utimesSync(entry, began, began)
  return entry
}

if (import.meta.filename === process.argv[1]) {
  const entry = await bundleCli(process.argv[2])
  process.stderr.write(`gatemap: bundled the CLI into ${entry}\n`)
}
