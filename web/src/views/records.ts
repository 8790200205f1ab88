// Helpers of the generic records page.
import { api } from '../api/client'

interface SchemaProperty {
  description?: string
}

interface Operation {
  summary?: string
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, SchemaProperty> } }> }
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>
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
 * Labels from the OpenAPI document: the create operation's body schema describes each property
 * as "English / 日本語"; the list operation's summary names the entity in English
 * ("List Technology seed records …"). `plural` is the resource path ("review_assignments").
 */
export function fieldLabels(
  document: OpenApiDocument,
  plural: string,
): { entityEn: string | null; fields: Record<string, { en: string; ja: string }> } {
  const path = document.paths?.[`/api/v1/${plural}`]
  const properties = path?.post?.requestBody?.content?.['application/json']?.schema?.properties ?? {}
  const fields: Record<string, { en: string; ja: string }> = { id: { en: 'ID', ja: 'ID' } }
  for (const [key, property] of Object.entries(properties)) {
    const label = splitLabel(property.description)
    if (label) fields[key] = label
  }
  const summary = /^List (.+) records/.exec(path?.get?.summary ?? '')
  return { entityEn: summary?.[1] ?? null, fields }
}

let openApi: Promise<OpenApiDocument> | null = null

/** GET /api/v1/openapi.json, once per page load (forgotten if it failed). */
export function loadOpenApi(): Promise<OpenApiDocument> {
  openApi ??= api.get<OpenApiDocument>('/openapi.json').catch((error: unknown) => {
    openApi = null
    throw error
  })
  return openApi
}
