// Preloaded with --import: records every module the process resolves and writes the list to
// $GATEMAP_MODULES_OUT on exit, so a test can see what a command loaded.
import { writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'

const seen = []
registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context)
    seen.push(resolved.url)
    return resolved
  },
})
process.on('exit', () => writeFileSync(process.env.GATEMAP_MODULES_OUT, seen.join('\n')))
