// The served folder's boundary. Everything is judged by real paths (links resolved), because a link
// inside the folder may lead anywhere: a folder link that leaves the folder, or leads back to one of
// its own ancestors (a loop), is not followed when reading; and no write lands outside the folder's
// real path, whatever links lie on the way.
import { type Dirent, lstatSync, realpathSync, statSync } from 'node:fs'
import { lstat, readdir, realpath, unlink } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import { WriteError } from '../source.ts'

/** The hidden temporary files atomic-write.ts makes; one left behind means a write was killed. */
export const TEMPORARY_FILE = /^\.gatemap-[0-9a-f]{12}\.tmp$/

export class FolderBounds {
  /** The folder as given (resolved), which is how files are named. */
  readonly dir: string
  /** The folder with every link resolved: the boundary. */
  readonly real: string

  constructor(dir: string) {
    this.dir = dir
    this.real = realpathSync(dir)
  }

  inside(real: string): boolean {
    return real === this.real || real.startsWith(this.real + sep)
  }

  /**
   * Why the link at `path` (a path under the folder) is not followed, or undefined when `path` is
   * not a link to a folder, or is one that stays inside without looping.
   */
  refusedLink(path: string): string | undefined {
    let target: string
    try {
      if (!lstatSync(path).isSymbolicLink()) return undefined
      target = realpathSync(path)
      if (!statSync(target).isDirectory()) return undefined
    } catch {
      // A dangling link, or one whose target vanished meanwhile: there is nothing to follow.
      return undefined
    }
    if (!this.inside(target)) return 'a link to a folder outside the served folder; not followed'
    // A loop: the link leads to a folder that already lies on the way to it.
    for (let at = dirname(path); ; at = dirname(at)) {
      let real: string
      try {
        real = realpathSync(at)
      } catch {
        return undefined
      }
      if (real === target) {
        const name = relative(this.dir, at) || '.'
        return `a link back to ${name}, which contains it (a loop); not followed`
      }
      if (at === this.dir || !at.startsWith(this.dir + sep)) return undefined
    }
  }

  /**
   * Whether `file` (relative to the folder) lies in a folder inside the boundary; a folder swapped
   * for a link that leaves after it was listed is not read through. A file that is itself a link may
   * lead anywhere: it is read, and writes to it are judged by fileToWrite.
   */
  async readable(file: string): Promise<boolean> {
    try {
      return this.inside(await realpath(dirname(join(this.dir, file))))
    } catch {
      return true
    }
  }

  /**
   * The real path a write to the file `file` (relative to the folder) must go to: through any link,
   * so a linked file stays a link, and refused when that lands outside the folder.
   */
  async fileToWrite(file: string): Promise<string> {
    const real = await realpath(join(this.dir, file))
    if (!this.inside(real)) throw outside(file)
    return real
  }

  /**
   * Where to remove `file` (relative to the folder): the entry itself, in its folder's real path,
   * refused when that folder lies outside. A link is the entry, not its target.
   */
  async entryToRemove(file: string): Promise<{ path: string; link: boolean }> {
    const path = join(this.dir, file)
    const parent = await realpath(dirname(path))
    if (!this.inside(parent)) throw outside(file)
    return { path: join(parent, basename(path)), link: (await lstat(path)).isSymbolicLink() }
  }

  /**
   * Removes temporary files a killed write left behind, in every folder Gatemap could have written
   * to (hidden folders and links are not entered). Returns the paths removed, relative to the folder.
   */
  async removeLeftovers(): Promise<string[]> {
    const removed: string[] = []
    const walk = async (at: string): Promise<void> => {
      let entries: Dirent[]
      try {
        entries = await readdir(at, { withFileTypes: true })
      } catch {
        return
      }
      for (const entry of entries) {
        const path = join(at, entry.name)
        if (entry.isFile() && TEMPORARY_FILE.test(entry.name)) {
          await unlink(path).then(
            () => removed.push(relative(this.real, path)),
            () => undefined,
          )
        } else if (entry.isDirectory() && !entry.name.startsWith('.')) {
          await walk(path)
        }
      }
    }
    await walk(this.real)
    return removed
  }
}

function outside(file: string): WriteError {
  return new WriteError(
    403,
    'Forbidden',
    `${file} leads outside the served folder through a link; Gatemap writes only inside the folder`,
    { causes: [{ field: file, message: 'leads outside the served folder' }] },
  )
}
