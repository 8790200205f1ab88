// The cluster and fiscal year an HQ page is about, kept in the address (?cluster=3&fy=2004) so
// that links and reloads keep them. Without ?cluster= the user's own HQ cluster is taken (else the
// first); without ?fy= the last fiscal year of the programme that has begun.

import { computed, shallowRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { listAll } from '../api/client'
import type { Cluster } from '../api/types'
import { useSession } from '../session'
import { fiscalYearsOf, type Programme } from '../views/hq'

let cache: Promise<{ clusters: Cluster[]; programmes: Programme[] }> | null = null

/** Clusters and programmes, fetched once per page load (forgotten when it failed). */
function loadClusters() {
  cache ??= Promise.all([listAll<Cluster>('clusters', { sort: 'id' }), listAll<Programme>('programs')])
    .then(([clusters, programmes]) => ({ clusters, programmes }))
    .catch((error: unknown) => {
      cache = null
      throw error
    })
  return cache
}

/** For tests: fetch again on the next use. */
export function forgetClusters() {
  cache = null
}

export function useCluster() {
  const route = useRoute()
  const router = useRouter()
  const { user } = useSession()
  const clusters = shallowRef<Cluster[]>([])
  const programmes = shallowRef<Programme[]>([])
  const loaded = shallowRef(false)
  const error = shallowRef<unknown>(null)

  async function load() {
    error.value = null
    try {
      const found = await loadClusters()
      clusters.value = found.clusters
      programmes.value = found.programmes
      loaded.value = true
    } catch (cause) {
      error.value = cause
    }
  }
  void load()

  const clusterId = computed<number | null>(() => {
    const fromQuery = Number(route.query.cluster)
    if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery
    const own = user.value?.hq_clusters.find((id) => clusters.value.some((c) => c.id === id))
    return own ?? clusters.value[0]?.id ?? null
  })
  const cluster = computed(() => clusters.value.find((item) => item.id === clusterId.value) ?? null)
  const fiscalYears = computed(() =>
    fiscalYearsOf(cluster.value, programmes.value.find((p) => p.id === cluster.value?.program_id) ?? null),
  )
  const fy = computed<number | null>(() => {
    const fromQuery = Number(route.query.fy)
    if (Number.isInteger(fromQuery) && fromQuery > 1900) return fromQuery
    return fiscalYears.value.at(-1) ?? null
  })

  function pickCluster(id: number) {
    void router.replace({ query: { ...route.query, cluster: String(id) } })
  }
  function pickFy(year: number) {
    void router.replace({ query: { ...route.query, fy: String(year) } })
  }
  /** The query to keep in links to other HQ pages. */
  const query = computed(() => (route.query.cluster ? { cluster: String(route.query.cluster) } : {}))

  return { clusters, cluster, clusterId, fiscalYears, fy, loaded, error, load, pickCluster, pickFy, query }
}

export type ClusterContext = ReturnType<typeof useCluster>
