// The signed-in user, shared by the whole app. The session itself is the HttpOnly cookie; this
// module keeps who it belongs to and hands the CSRF token to the API client.

import { computed, ref } from 'vue'
import { api, ApiError, request, setCsrfToken } from './api/client'
import type { Role, SessionInfo, SessionUser } from './api/types'

const user = ref<SessionUser | null>(null)
let restored = false

export const PROGRAMME_ROLES: readonly Role[] = ['admin', 'program_officer']
export const HQ_ROLES: readonly Role[] = [
  'hq_director',
  'program_manager',
  'research_director',
  'coordinator',
  'adviser',
]

export function hasAnyRole(subject: SessionUser | null, roles: readonly Role[]): boolean {
  return !!subject && subject.roles.some((role) => roles.includes(role))
}

function accept(info: SessionInfo): SessionUser {
  setCsrfToken(info.csrf_token)
  user.value = info.user
  restored = true
  return info.user
}

export async function login(loginName: string, password: string): Promise<SessionUser> {
  return accept(await api.post<SessionInfo>('/session', { login: loginName, password }))
}

/** Asks the server who the cookie belongs to, once per page load; null when signed out. */
export async function restoreSession(): Promise<SessionUser | null> {
  if (restored) return user.value
  try {
    return accept(await request<SessionInfo>('GET', '/session', { quiet401: true }))
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      restored = true
      user.value = null
      return null
    }
    throw error
  }
}

export async function logout(): Promise<void> {
  try {
    await api.delete('/session')
  } finally {
    forgetSession()
  }
}

/** Drops what this tab knows of the session (after a 401 or a logout). */
export function forgetSession(): void {
  setCsrfToken(null)
  user.value = null
  restored = true
}

export function useSession() {
  return {
    user: computed(() => user.value),
    isProgrammeStaff: computed(() => hasAnyRole(user.value, PROGRAMME_ROLES)),
    isHq: computed(() => hasAnyRole(user.value, HQ_ROLES)),
  }
}
