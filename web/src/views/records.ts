// Helpers of the generic records page.

export interface OpenApiDocument {
  components?: {
    schemas?: Record<
      string,
      { description?: string; properties?: Record<string, { description?: string }> }
    >
  }
}

const SKIPPED = new Set(['sample', 'created_at', 'updated_at', 'abstract', 'description', 'source', 'note', 'comment'])

/** The fields to show: id first, then up to `max` others in the server's order, no long texts. */
export function pickColumns(rows: ReadonlyArray<Record<string, unknown>>, max = 7): string[] {
  const first = rows[0]
  if (!first) return ['id']
  const keys = Object.keys(first).filter(
    (key) =>
      key !== 'id' &&
      !SKIPPED.has(key) &&
      !(typeof first[key] === 'string' && (first[key] as string).length > 120),
  )
  return ['id', ...keys.slice(0, max - 1)]
}

function splitLabel(text: string | undefined): { en: string; ja: string } | null {
  if (!text) return null
  const [en, ja] = text.split(' / ')
  return en && ja ? { en, ja } : null
}

/**
 * Field labels from the OpenAPI document, whose entity schemas describe each property as
 * "English / 日本語". `plural` is the resource path ("review_assignments").
 */
export function fieldLabels(
  document: OpenApiDocument,
  plural: string,
): { entity: { en: string; ja: string } | null; fields: Record<string, { en: string; ja: string }> } {
  const schemas = document.components?.schemas ?? {}
  const candidates = [plural, plural.replace(/ies$/, 'y'), plural.replace(/es$/, ''), plural.replace(/s$/, '')]
  if (plural === 'people') candidates.push('person')
  if (plural === 'criteria') candidates.push('criterion')
  const schema = candidates.map((name) => schemas[name]).find(Boolean)
  const fields: Record<string, { en: string; ja: string }> = { id: { en: 'ID', ja: 'ID' } }
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    const label = splitLabel(property.description)
    if (label) fields[key] = label
  }
  return { entity: splitLabel(schema?.description), fields }
}
