// Shared set-up of component tests: a real i18n instance in the chosen language.
import { createAppI18n } from './i18n'
import type { Locale } from './format'

export function testI18n(locale: Locale = 'en') {
  localStorage.removeItem('kc.lang')
  return createAppI18n(locale)
}
