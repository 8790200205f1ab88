import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateBoth,
  formatFiscalYear,
  formatFiscalYearWareki,
  formatYen,
  formatYenExact,
  parseIsoDate,
} from './format'

describe('formatYen', () => {
  const cases: Array<[number, string, string]> = [
    [500_000_000, '5億円', '¥500M'],
    [476_000_000, '4億7,600万円', '¥476M'],
    [0, '0円', '¥0'],
    [-500_000_000, '-5億円', '-¥500M'],
    [-476_000_000, '-4億7,600万円', '-¥476M'],
    [123_456_789, '1億2,345万6,789円', '¥123.46M'],
    [950_000, '95万円', '¥950,000'],
    [1_500_000, '150万円', '¥1.5M'],
    [4_760_000_000, '47億6,000万円', '¥4.76B'],
    [1_200_000_000_000, '1兆2,000億円', '¥1,200B'],
    [12_345, '1万2,345円', '¥12,345'],
    [7, '7円', '¥7'],
  ]
  for (const [amount, ja, en] of cases) {
    it(`formats ${amount} as ${ja} and ${en}`, () => {
      expect(formatYen(amount, 'ja')).toBe(ja)
      expect(formatYen(amount, 'en')).toBe(en)
    })
  }

  it('shows a dash for values that are not numbers', () => {
    expect(formatYen(Number.NaN, 'ja')).toBe('—')
  })

  it('writes exact amounts with grouping', () => {
    expect(formatYenExact(476_000_000, 'ja')).toBe('476,000,000円')
    expect(formatYenExact(476_000_000, 'en')).toBe('¥476,000,000')
    expect(formatYenExact(-1000, 'en')).toBe('-¥1,000')
  })
})

describe('formatFiscalYear', () => {
  it('writes 年度 in Japanese and FY in English', () => {
    expect(formatFiscalYear(2003, 'ja')).toBe('2003年度')
    expect(formatFiscalYear(2003, 'en')).toBe('FY2003')
  })

  it('names the era of 1 April', () => {
    expect(formatFiscalYearWareki(2003)).toBe('平成15年度')
    expect(formatFiscalYearWareki(2019)).toBe('令和元年度')
    expect(formatFiscalYearWareki(1989)).toBe('平成元年度')
    expect(formatFiscalYearWareki(1988)).toBe('昭和63年度')
    expect(formatFiscalYearWareki(2020)).toBe('令和2年度')
  })
})

describe('formatDate', () => {
  it('uses 和暦 in Japanese by default', () => {
    expect(formatDate('2003-04-01', 'ja')).toBe('平成15年4月1日')
    expect(formatDate('2019-05-01', 'ja')).toBe('令和元年5月1日')
    expect(formatDate('2019-04-30', 'ja')).toBe('平成31年4月30日')
  })

  it('can write the Gregorian calendar in Japanese', () => {
    expect(formatDate('2003-04-01', 'ja', 'gregorian')).toBe('2003年4月1日')
  })

  it('writes day month year in English', () => {
    expect(formatDate('2003-04-01', 'en')).toBe('1 Apr 2003')
  })

  it('accepts timestamps and ignores the time zone', () => {
    expect(formatDate('2002-04-15T23:30:00+09:00', 'en')).toBe('15 Apr 2002')
  })

  it('returns unparsable text unchanged and empty for nothing', () => {
    expect(formatDate('someday', 'ja')).toBe('someday')
    expect(formatDate(null, 'ja')).toBe('')
    expect(parseIsoDate('2003-13-45')).toBeNull()
    expect(formatDate('2003-02-30', 'en')).toBe('2003-02-30')
  })

  it('shows both calendars for officials', () => {
    expect(formatDateBoth('2003-04-01', 'ja')).toBe('平成15年4月1日(2003年)')
    expect(formatDateBoth('2003-04-01', 'en')).toBe('1 Apr 2003')
  })
})
