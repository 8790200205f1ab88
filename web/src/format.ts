// Display formats for the two languages of the UI: fiscal years, yen amounts and dates.
// Pure functions of (value, locale) so they are easy to test and to use outside components;
// components reach them through useFormat() in i18n/index.ts, which passes the current locale.

export type Locale = 'ja' | 'en'

const MINUS = '-'

/** 2003 → "2003年度" (ja) or "FY2003" (en). The Japanese fiscal year runs April–March. */
export function formatFiscalYear(fiscalYear: number, locale: Locale): string {
  return locale === 'ja' ? `${fiscalYear}年度` : `FY${fiscalYear}`
}

/**
 * 2003 → "平成15年度", 2019 → "令和元年度", 1988 → "昭和63年度": the era in force on 1 May of
 * the fiscal year, the same rule as util/fiscal_year.cpp (FY2019 is 令和元年度 although it began
 * under 平成).
 */
export function formatFiscalYearWareki(fiscalYear: number): string {
  const parts = japaneseCalendar.formatToParts(new Date(Date.UTC(fiscalYear, 4, 1)))
  const era = parts.find((part) => part.type === 'era')?.value ?? ''
  const year = parts.find((part) => part.type === 'year')?.value ?? String(fiscalYear)
  return `${era}${year === '1' ? '元' : year}年度`
}

const groupedJa = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 })

/**
 * Yen in the units each audience reads, never rounded in Japanese:
 * ja: 500,000,000 → "5億円", 476,000,000 → "4億7,600万円", 123,456,789 → "1億2,345万6,789円",
 *     0 → "0円", -5億 → "-5億円".
 * en: 500,000,000 → "¥500M", 476,000,000 → "¥476M", 4,760,000,000 → "¥4.76B",
 *     950,000 → "¥950,000", 0 → "¥0", -500,000,000 → "-¥500M" (at most two decimals).
 */
export function formatYen(amount: number, locale: Locale): string {
  if (!Number.isFinite(amount)) return '—'
  const sign = amount < 0 ? MINUS : ''
  const abs = Math.abs(Math.trunc(amount))
  return locale === 'ja' ? sign + yenJa(abs) : sign + yenEn(abs)
}

function yenJa(abs: number): string {
  if (abs === 0) return '0円'
  const units: Array<[number, string]> = [
    [1e12, '兆'],
    [1e8, '億'],
    [1e4, '万'],
  ]
  let rest = abs
  let text = ''
  for (const [size, unit] of units) {
    const count = Math.floor(rest / size)
    if (count > 0) {
      text += groupedJa.format(count) + unit
      rest -= count * size
    }
  }
  if (rest > 0) text += groupedJa.format(rest)
  return `${text}円`
}

const enScaled = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })
const enWhole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })

function yenEn(abs: number): string {
  if (abs >= 1e9) return `¥${enScaled.format(abs / 1e9)}B`
  if (abs >= 1e6) return `¥${enScaled.format(abs / 1e6)}M`
  return `¥${enWhole.format(abs)}`
}

/** The exact amount with grouping: "476,000,000円" / "¥476,000,000" (for tooltips and tables). */
export function formatYenExact(amount: number, locale: Locale): string {
  const sign = amount < 0 ? MINUS : ''
  const digits = groupedJa.format(Math.abs(Math.trunc(amount)))
  return locale === 'ja' ? `${sign}${digits}円` : `${sign}¥${digits}`
}

/** Short axis labels for charts: ja in 億円 (5, 4.76), en in ¥M (500, 476). */
export function yenAxisUnit(locale: Locale): { divisor: number; unit: string } {
  return locale === 'ja' ? { divisor: 1e8, unit: '億円' } : { divisor: 1e6, unit: '¥M' }
}

const japaneseCalendar = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
})
const gregorianJa = new Intl.DateTimeFormat('ja-JP', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
})
const gregorianEn = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "2003-04-01" (or a timestamp starting with it) → a Date at UTC midnight, or null. */
export function parseIsoDate(text: string | null | undefined): Date | null {
  if (!text) return null
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)
  if (!match) return null
  const [, year, month, day] = match
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  // Date.UTC rolls 2003-13-45 over into 2004; refuse such dates instead.
  const valid = date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
  return valid ? date : null
}

export type DateStyle = 'wareki' | 'gregorian'

/**
 * "2003-04-01" → "平成15年4月1日" (ja, wareki: the default, as officials write dates),
 * "2003年4月1日" (ja, gregorian) or "1 Apr 2003" (en). An unparsable value is returned as is.
 */
export function formatDate(
  text: string | null | undefined,
  locale: Locale,
  style: DateStyle = 'wareki',
): string {
  const date = parseIsoDate(text)
  if (!date) return text ?? ''
  if (locale === 'en') return gregorianEn.format(date)
  if (style === 'gregorian') return gregorianJa.format(date)
  // Older ICU data writes the first year of an era as 1; officials write 元年.
  return japaneseCalendar.format(date).replace(/^(\D+)1年/, '$1元年')
}

/** Both calendars, for places where officials and foreign partners read the same date. */
export function formatDateBoth(text: string | null | undefined, locale: Locale): string {
  const date = parseIsoDate(text)
  if (!date) return text ?? ''
  if (locale === 'en') return gregorianEn.format(date)
  return `${formatDate(text, 'ja', 'wareki')}(${date.getUTCFullYear()}年)`
}

const integerFormats: Record<Locale, Intl.NumberFormat> = {
  ja: new Intl.NumberFormat('ja-JP'),
  en: new Intl.NumberFormat('en-GB'),
}

export function formatInteger(value: number, locale: Locale): string {
  return integerFormats[locale].format(value)
}
