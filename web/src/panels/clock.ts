// A time of day for the connection line and retry notes, as 24-hour HH:MM:SS in the browser's own
// time zone. Not toLocaleTimeString: its first call loads the locale's data, about 100 ms of the
// page's main thread before the first graph, for a line that only needs the time.
const two = (n: number) => String(n).padStart(2, '0')

/** `at`: milliseconds since the epoch, or a timestamp as the wire carries it (RFC 3339). */
export function clockTime(at: number | string): string {
  const d = new Date(at)
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}
