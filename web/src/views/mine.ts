// The columns of the "my needs / my seeds / my projects" pages.

export type MineKind = 'needs' | 'seeds' | 'projects'
export type MyRow = { id: number; title_en?: string | null } & Record<string, unknown>

export interface MyColumn {
  key: string
  label: string // an i18n key
  kind: 'number' | 'title' | 'enum' | 'date' | 'money' | 'text'
  group?: string // the i18n group of an enum's labels
}

const id: MyColumn = { key: 'id', label: 'columns.id', kind: 'number' }
const title: MyColumn = { key: 'title', label: 'columns.title', kind: 'title' }
const field: MyColumn = { key: 'field', label: 'columns.field', kind: 'enum', group: 'fields' }

export function myColumns(kind: MineKind): MyColumn[] {
  switch (kind) {
    case 'needs':
      return [
        id,
        title,
        field,
        { key: 'confidentiality', label: 'columns.confidentiality', kind: 'enum', group: 'enums.visibility' },
        { key: 'registered_on', label: 'columns.registered_on', kind: 'date' },
      ]
    case 'seeds':
      return [
        id,
        title,
        field,
        { key: 'trl', label: 'columns.trl', kind: 'number' },
        { key: 'ip_status', label: 'columns.ip_status', kind: 'enum', group: 'enums.ip_status' },
        { key: 'visibility', label: 'columns.visibility', kind: 'enum', group: 'enums.visibility' },
      ]
    case 'projects':
      return [
        id,
        title,
        { key: 'stage', label: 'hq.projects.stage', kind: 'enum', group: 'hq.projects.stages' },
        { key: 'starts_on', label: 'hq.projects.starts', kind: 'date' },
        { key: 'ends_on', label: 'hq.projects.ends', kind: 'date' },
        { key: 'budget', label: 'hq.projects.budget', kind: 'money' },
      ]
  }
}
