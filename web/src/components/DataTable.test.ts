import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { testI18n } from '../test-utils'
import DataTable from './DataTable.vue'
import { nextSort, type Column } from './table'

interface Row {
  id: number
  title: string
  trl: number | null
  keywords: string[]
}

const columns: Column<Row>[] = [
  { key: 'id', label: 'ID', sortable: true, numeric: true },
  { key: 'title', label: 'Title', sortable: true },
  { key: 'trl', label: 'TRL', numeric: true },
  { key: 'keywords', label: 'Keywords' },
]
const rows: Row[] = [
  { id: 1, title: '希少糖の量産', trl: 4, keywords: ['希少糖', '酵素'] },
  { id: 2, title: 'Optical sensor', trl: null, keywords: [] },
]

function mountTable(props: { sort?: string; offset?: number } = {}) {
  return mount(DataTable<Row>, {
    props: { columns, rows, total: 45, offset: 20, limit: 20, sort: '', caption: 'Seeds', ...props },
    global: { plugins: [testI18n('en')] },
  })
}

describe('DataTable', () => {
  it('renders a captioned table with a header per column and a row per record', () => {
    const wrapper = mountTable()
    expect(wrapper.find('caption').text()).toBe('Seeds')
    expect(wrapper.findAll('thead th').map((th) => th.text().replace(/[▲▼↕]/g, '').trim())).toEqual([
      'ID',
      'Title',
      'TRL',
      'Keywords',
    ])
    const cells = wrapper.findAll('tbody tr')[0]!.findAll('td')
    expect(cells.map((td) => td.text())).toEqual(['1', '希少糖の量産', '4', '希少糖、酵素'])
    expect(cells[0]!.attributes('data-label')).toBe('ID')
    expect(wrapper.findAll('tbody tr')[1]!.findAll('td')[2]!.text()).toBe('')
  })

  it('shows the range and page, and says when there is nothing', async () => {
    const wrapper = mountTable()
    expect(wrapper.find('.data-table__range').text()).toBe('21–22 of 45')
    expect(wrapper.find('.data-table__page').text()).toBe('Page 2 of 3')
    await wrapper.setProps({ rows: [], total: 0, offset: 0 })
    expect(wrapper.find('.data-table__empty').text()).toBe('Nothing to show.')
    expect(wrapper.find('.data-table__range').text()).toBe('0–0 of 0')
  })

  it('marks sorted columns with aria-sort and asks for the next sort on click', async () => {
    const wrapper = mountTable({ sort: '-id' })
    const headers = wrapper.findAll('thead th')
    expect(headers[0]!.attributes('aria-sort')).toBe('descending')
    expect(headers[1]!.attributes('aria-sort')).toBe('none')
    expect(headers[2]!.attributes('aria-sort')).toBeUndefined()
    expect(headers[2]!.find('button').exists()).toBe(false)

    await wrapper.find('[data-sort-key="id"]').trigger('click')
    await wrapper.find('[data-sort-key="title"]').trigger('click')
    expect(wrapper.emitted('update:sort')).toEqual([['id'], ['title']])
    expect(wrapper.emitted('update:offset')).toEqual([[0], [0]])
  })

  it('cycles sorting ascending → descending → ascending', () => {
    expect(nextSort('', 'title')).toBe('title')
    expect(nextSort('title', 'title')).toBe('-title')
    expect(nextSort('-title', 'title')).toBe('title')
    expect(nextSort('-id', 'title')).toBe('title')
  })

  it('pages forward and back within bounds', async () => {
    const wrapper = mountTable({ offset: 0 })
    expect(wrapper.find('[data-pager="previous"]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-pager="next"]').trigger('click')
    expect(wrapper.emitted('update:offset')).toEqual([[20]])

    const last = mountTable({ offset: 40 })
    expect(last.find('[data-pager="next"]').attributes('disabled')).toBeDefined()
    await last.find('[data-pager="previous"]').trigger('click')
    expect(last.emitted('update:offset')).toEqual([[20]])
  })

  it('changes the page size and goes back to the first page', async () => {
    const wrapper = mountTable()
    await wrapper.find('.data-table__size select').setValue('50')
    expect(wrapper.emitted('update:limit')).toEqual([[50]])
    expect(wrapper.emitted('update:offset')).toEqual([[0]])
  })

  it('uses a custom cell slot when given', () => {
    const wrapper = mount(DataTable<Row>, {
      props: { columns, rows, total: 2, caption: 'Seeds' },
      slots: { 'cell-title': '<template #cell-title="{ row }"><a :href="`/seeds/${row.id}`">{{ row.title }}</a></template>' },
      global: { plugins: [testI18n('en')] },
    })
    expect(wrapper.find('tbody a').attributes('href')).toBe('/seeds/1')
  })

  it('speaks Japanese when the app does', () => {
    const wrapper = mount(DataTable<Row>, {
      props: { columns, rows, total: 45, offset: 20, limit: 20, caption: 'シーズ' },
      global: { plugins: [testI18n('ja')] },
    })
    expect(wrapper.find('.data-table__range').text()).toBe('45 件中 21–22 件')
    expect(wrapper.find('[data-pager="next"]').text()).toBe('次へ')
  })
})
