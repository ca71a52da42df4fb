// Giving a test's ServiceAccount exactly the rights the test is about: a role with rules (or an
// existing ClusterRole) bound to it, in one namespace or cluster-wide. Framework-neutral.
import { type KubeConfig, RbacAuthorizationV1Api, type V1PolicyRule } from '@kubernetes/client-node'

export interface GrantOptions {
  /** Name of the role created from `rules` and of the binding. */
  name: string
  /** Where the binding (and a Role from `rules`) lives; cluster-wide when absent. */
  namespace?: string
  /** Rules for a new Role (in `namespace`) or ClusterRole (without one)… */
  rules?: V1PolicyRule[]
  /** …or an existing ClusterRole to bind instead. */
  clusterRole?: string
}

export async function grantServiceAccount(
  kc: KubeConfig,
  account: { namespace: string; name: string },
  options: GrantOptions,
): Promise<void> {
  const { name, namespace, rules, clusterRole } = options
  if ((rules === undefined) === (clusterRole === undefined))
    throw new Error('grantServiceAccount: give rules or clusterRole, one of them')
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api)
  let roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole ?? name }
  if (rules && namespace) {
    await rbac.createNamespacedRole({ namespace, body: { metadata: { name }, rules } })
    roleRef = { ...roleRef, kind: 'Role' }
  } else if (rules) {
    await rbac.createClusterRole({ body: { metadata: { name }, rules } })
  }
  const body = {
    metadata: { name },
    roleRef,
    subjects: [{ kind: 'ServiceAccount', name: account.name, namespace: account.namespace }],
  }
  if (namespace) await rbac.createNamespacedRoleBinding({ namespace, body })
  else await rbac.createClusterRoleBinding({ body })
}
