// Who is signed in, for the header: in bearer mode the person's own username as the API server
// reported it at sign-in (SelfSubjectReview), so the header names them rather than the server's
// kubeconfig context. Other modes have no person to name.
import { SessionResponseSchema } from '@gatemap/shared'
import { useEffect, useState } from 'react'

export function useSignedInUser(): string | undefined {
  const [user, setUser] = useState<string | undefined>()
  useEffect(() => {
    let current = true
    fetch('/api/session', { credentials: 'same-origin' })
      .then(async (response) =>
        response.ok ? SessionResponseSchema.parse(await response.json()) : undefined,
      )
      .then(
        (session) => {
          if (current && session?.authMode === 'bearer') setUser(session.user ?? 'an unnamed user')
        },
        // The header only loses the name; the stream reports a lost session on its own.
        () => undefined,
      )
    return () => {
      current = false
    }
  }, [])
  return user
}
