// Writes that a reader (the watcher, an editor, `kubectl apply -f`) never sees half done: the text
// goes to a hidden temporary file in the same folder, which then takes the target's place.
import { randomBytes } from 'node:crypto'
import { chmod, link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

function temporaryPath(target: string): string {
  return join(dirname(target), `.gatemap-${randomBytes(6).toString('hex')}.tmp`)
}

/** The file no longer holds the text an edit was made from: someone else wrote it meanwhile. */
export class ChangedOnDisk extends Error {}

async function assertUnchanged(path: string, expected: string): Promise<void> {
  if ((await readFile(path, 'utf8')) !== expected) throw new ChangedOnDisk(`${path} changed on disk`)
}

/** Removes a file that must still hold `expected`, the text the removal was decided from. */
export async function removeFile(path: string, expected: string): Promise<void> {
  await assertUnchanged(path, expected)
  await unlink(path)
}

/**
 * Replaces an existing file's text, keeping its permissions. With `expected`, the file must still
 * hold that text (what the edit was made from) at the last moment before it is replaced: an edit
 * made outside between the read and this write throws ChangedOnDisk and is never overwritten.
 */
export async function replaceFile(path: string, text: string, expected?: string): Promise<void> {
  const temporary = temporaryPath(path)
  try {
    await writeFile(temporary, text, { flag: 'wx' })
    await chmod(temporary, (await stat(path)).mode & 0o7777)
    // Checked after the slow part, so only a rename's worth of time is left for an outside write.
    if (expected !== undefined) await assertUnchanged(path, expected)
    await rename(temporary, path)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}

/** `base.yaml`, then `base-2.yaml`, `base-3.yaml`, … */
const candidate = (base: string, attempt: number) => `${base}${attempt === 1 ? '' : `-${attempt}`}.yaml`

/** The name a new file would get now (for a dry run). */
export async function freeName(dir: string, base: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const name = candidate(base, attempt)
    try {
      await stat(join(dir, name))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return name
      throw error
    }
  }
}

/**
 * Creates a new file under the first free name and returns that name. A hard link fails when the
 * name is taken, so an existing file is never overwritten, even by a file that appears meanwhile.
 */
export async function createNewFile(dir: string, base: string, text: string): Promise<string> {
  const temporary = temporaryPath(join(dir, base))
  await writeFile(temporary, text, { flag: 'wx' })
  try {
    for (let attempt = 1; ; attempt++) {
      const name = candidate(base, attempt)
      try {
        await link(temporary, join(dir, name))
        return name
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
    }
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
}
