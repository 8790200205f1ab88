// vue-i18n set-up: Japanese for a Japanese browser, English otherwise, unless the user chose a
// language with the switch (remembered in localStorage). The <html lang> follows the choice.

import { computed } from 'vue'
import { createI18n, useI18n } from 'vue-i18n'
import en from './en'
import ja from './ja'
import {
  formatDate,
  formatDateBoth,
  formatFiscalYear,
  formatFiscalYearWareki,
  formatInteger,
  formatYen,
  formatYenExact,
  type DateStyle,
  type Locale,
} from '../format'

export const LOCALES: readonly Locale[] = ['ja', 'en']
const STORAGE_KEY = 'kc.lang'

function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY)
    return value === 'ja' || value === 'en' ? value : null
  } catch {
    return null
  }
}

/** The language to start in: the stored choice, else ja if the browser's first language is ja. */
export function detectLocale(
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): Locale {
  const stored = storedLocale()
  if (stored) return stored
  const first = languages[0] ?? globalThis.navigator?.language ?? ''
  return first.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

export function createAppI18n(locale: Locale = detectLocale()) {
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { ja, en },
  })
  applyDocumentLanguage(locale)
  return i18n
}

function applyDocumentLanguage(locale: Locale): void {
  if (globalThis.document) globalThis.document.documentElement.lang = locale
}

/** Switches the language of the whole app and remembers it. */
export function setLocale(i18n: { locale: { value: string } }, locale: Locale): void {
  i18n.locale.value = locale
  applyDocumentLanguage(locale)
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    // Storage disabled: the choice lasts until the page is reloaded.
  }
}

/** The formatters of format.ts bound to the current language. */
export function useFormat() {
  const { locale } = useI18n()
  const current = computed<Locale>(() => (locale.value === 'ja' ? 'ja' : 'en'))
  return {
    locale: current,
    fy: (year: number) => formatFiscalYear(year, current.value),
    fyWareki: (year: number) => formatFiscalYearWareki(year),
    yen: (amount: number) => formatYen(amount, current.value),
    yenExact: (amount: number) => formatYenExact(amount, current.value),
    date: (text: string | null | undefined, style?: DateStyle) =>
      formatDate(text, current.value, style),
    dateBoth: (text: string | null | undefined) => formatDateBoth(text, current.value),
    int: (value: number) => formatInteger(value, current.value),
  }
}
