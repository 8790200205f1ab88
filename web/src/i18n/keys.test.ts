// Every literal key a page passes to t('…') exists in the Japanese catalogue (en.ts is checked
// against ja.ts by the type checker, so both languages have it).
import { describe, expect, it } from 'vitest'
import ja from './ja'

const sources = import.meta.glob(['../**/*.vue', '../**/*.ts', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

function has(catalogue: unknown, key: string): boolean {
  let node: unknown = catalogue
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string'
}

describe('i18n keys', () => {
  it('reads the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10)
  })

  it('uses only keys the catalogue has', () => {
    const missing: string[] = []
    for (const [file, text] of Object.entries(sources)) {
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = match[1]!
        if (key.includes('.') && !has(ja, key)) missing.push(`${file}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })
})
