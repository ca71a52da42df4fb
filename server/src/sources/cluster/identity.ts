// Who a bearer token belongs to, as the API server says: a SelfSubjectReview. Every authenticated
// user may create one (no RBAC rule is needed), so the answer tells a wrong token (401) from a
// person the dashboard can greet by name.
import type { Identity } from '../source.ts'
import { UnauthenticatedError } from '../source.ts'
import { ApiError, type KubeHttp } from './http.ts'

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } }
}

export async function selfSubjectReview(http: KubeHttp): Promise<Identity> {
  try {
    const { body } = await http.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      timeoutMs: 10_000,
    })
    const user = (body as SelfSubjectReview).status?.userInfo
    return {
      ...(user?.username ? { username: user.username } : {}),
      ...(user?.groups ? { groups: user.groups } : {}),
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw new UnauthenticatedError(error.body.message || 'Unauthorized')
    }
    // An API server older than 1.28 (404), or one that forbids the review, still took the token.
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return {}
    throw error
  }
}
