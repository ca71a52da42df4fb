// The operating system's refusals a person can fix themselves, as one line each instead of a stack:
// a port that cannot be bound, a reader that went away.

/** Why `serve` could not listen on host:port, in a person's words; undefined if not a known cause. */
export function listenFailure(error: unknown, host: string, port: number): string | undefined {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use; pick another with --port`
    case 'EACCES':
      return `no permission to listen on port ${port} on ${host} (ports below 1024 need privileges); pick another with --port`
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine; pick another with --host`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${host} is not a host name this machine can resolve; pick another with --host`
    default:
      return undefined
  }
}

/**
 * A reader that stops early (`gatemap analyze DIR | head`) closes the pipe; further output has
 * nowhere to go, which is not an error of ours. Without a listener Node throws it as a stack.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      stream.destroy()
      return
    }
    throw error
  })
}
