// What the Vitest global setup hands to the test files.
declare module 'vitest' {
  export interface ProvidedContext {
    /** State file of the cluster shared by all test files (see cluster/harness.ts). */
    gatemapClusterState: string
  }
}

export {}
