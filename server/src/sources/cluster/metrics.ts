// Plain counters of the cluster source, read by the /metrics endpoint (wired elsewhere).

export class WatchMetrics {
  /** Watches re-established after an error, a lost connection or a 410 (not planned timeouts). */
  watchRestarts = 0
  /** Full states read (list or WatchList) after the first one of each kind. */
  relists = 0
  private readonly eventCounts = new Map<string, number>()
  private readonly bookmarkCounts = new Map<string, number>()

  /** Counts one ADDED/MODIFIED/DELETED watch event of `group/kind`. */
  countEvent(kindKey: string): void {
    this.eventCounts.set(kindKey, (this.eventCounts.get(kindKey) ?? 0) + 1)
  }

  /** Counts one bookmark (the server saying nothing changed up to a resourceVersion). */
  countBookmark(kindKey: string): void {
    this.bookmarkCounts.set(kindKey, (this.bookmarkCounts.get(kindKey) ?? 0) + 1)
  }

  eventsOf(kindKey: string): number {
    return this.eventCounts.get(kindKey) ?? 0
  }

  /** `group/kind` → watch events received. */
  get events(): ReadonlyMap<string, number> {
    return this.eventCounts
  }

  /** `group/kind` → bookmarks received. */
  get bookmarks(): ReadonlyMap<string, number> {
    return this.bookmarkCounts
  }
}
