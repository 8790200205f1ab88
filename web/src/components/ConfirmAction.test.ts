import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, ref } from 'vue'
import { testI18n } from '../test-utils'
import ConfirmAction from './ConfirmAction.vue'
import Tabs from './Tabs.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('ConfirmAction', () => {
  it('asks first, focuses the confirmation, and Escape gives focus back without confirming', async () => {
    const wrapper = mount(ConfirmAction, {
      props: { label: '提出する', question: '提出しますか?' },
      global: { plugins: [testI18n('ja')] },
      attachTo: document.body,
    })
    const trigger = wrapper.get('button')
    expect(trigger.attributes('aria-expanded')).toBe('false')
    await trigger.trigger('click')
    const box = wrapper.get('[role="alertdialog"]')
    expect(trigger.attributes('aria-expanded')).toBe('true')
    expect(wrapper.get(`#${box.attributes('aria-labelledby')}`).text()).toBe('提出しますか?')
    expect(document.activeElement?.hasAttribute('data-confirm')).toBe(true)
    await box.trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)
    expect(document.activeElement).toBe(trigger.element)
    expect(wrapper.emitted('confirm')).toBeUndefined()

    await trigger.trigger('click')
    expect(wrapper.get('[data-cancel]').text()).toBe('やめる')
    await wrapper.get('[data-confirm]').trigger('click')
    expect(wrapper.emitted('confirm')).toHaveLength(1)
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)
  })

  it('cannot be used while busy', () => {
    const wrapper = mount(ConfirmAction, { props: { label: 'x', question: 'y', busy: true }, global: { plugins: [testI18n()] } })
    expect(wrapper.get('button').attributes('disabled')).toBeDefined()
  })
})

describe('Tabs', () => {
  it('moves with the arrow keys, Home and End, keeping one tab in the Tab order', async () => {
    const Host = defineComponent({
      components: { Tabs },
      setup: () => ({ tab: ref('a'), tabs: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] }),
      template: '<Tabs v-model="tab" :tabs="tabs" label="T"><p>{{ tab }}</p></Tabs>',
    })
    const wrapper = mount(Host, { attachTo: document.body })
    const tabs = () => wrapper.findAll('[role="tab"]')
    expect(tabs().map((t) => t.attributes('tabindex'))).toEqual(['0', '-1', '-1'])
    await tabs()[0]!.trigger('keydown', { key: 'ArrowLeft' })
    expect(wrapper.get('[role="tabpanel"]').text()).toBe('c')
    expect(document.activeElement).toBe(tabs()[2]!.element)
    await tabs()[2]!.trigger('keydown', { key: 'ArrowRight' })
    expect(wrapper.get('[role="tabpanel"]').text()).toBe('a')
    await tabs()[0]!.trigger('keydown', { key: 'End' })
    expect(tabs()[2]!.attributes('aria-selected')).toBe('true')
    expect(wrapper.get('[role="tabpanel"]').attributes('aria-labelledby')).toBe('tab-c')
    await tabs()[2]!.trigger('keydown', { key: 'Home' })
    expect(tabs()[0]!.attributes('aria-selected')).toBe('true')
  })
})
