// Gatemap's version, from the server package's manifest (which the image carries too), and the
// User-Agent every request to an API server sends, so audit logs name Gatemap and its version.
import { readFileSync } from 'node:fs'

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version

export const USER_AGENT = `gatemap/${VERSION}`
