// A function handed to memoised children (React Flow's node wrappers, the graph's actions context)
// must keep its identity, or every child re-renders whenever the parent does; it should still call
// what the parent rendered last, which reads the current state.
import { useCallback, useRef } from 'react'

/** A function with one identity for the component's life that calls the latest `fn` rendered. */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn)
  latest.current = fn
  return useCallback((...args: A) => latest.current(...args), [])
}
