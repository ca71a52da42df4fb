// The parents a route could attach to, for the editors' parentRef picker: every Gateway listener,
// ListenerSet listener, and (for mesh routes) Service, each with whether this route would be
// accepted there and, when not, why.

/** One place a parentRef could point at. */
export interface ParentChoice {
  /** The parentRef that points here, fully spelled out (group '' for core Services). */
  ref: {
    group: string
    kind: string
    namespace: string
    name: string
    sectionName?: string
    port?: number
  }
  /** For people: "Gateway infra/edge · listener https (HTTPS 443)". */
  label: string
  /** Would the route, as drafted, be accepted here? undefined when it cannot be known. */
  accepted: boolean | undefined
  /** When not accepted: one sentence saying why. */
  reason?: string
}
