import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { useI18n } from 'vue-i18n'
import { createAppI18n, detectLocale } from '../i18n'
import { testI18n } from '../test-utils'
import LangSwitch from './LangSwitch.vue'

// A page that shows one label and one fiscal year, to see the switch change the whole app.
const Page = defineComponent({
  components: { LangSwitch },
  setup() {
    const { t } = useI18n()
    return { t }
  },
  template: '<div><LangSwitch /><h1>{{ t("login.title") }}</h1></div>',
})

describe('LangSwitch', () => {
  it('shows both languages, each in its own language, with the current one pressed', () => {
    const wrapper = mount(LangSwitch, { global: { plugins: [testI18n('ja')] } })
    const buttons = wrapper.findAll('button')
    expect(buttons.map((button) => button.text())).toEqual(['日本語', 'English'])
    expect(buttons.map((button) => button.attributes('lang'))).toEqual(['ja', 'en'])
    expect(buttons[0]!.attributes('aria-pressed')).toBe('true')
    expect(buttons[1]!.attributes('aria-pressed')).toBe('false')
    expect(wrapper.attributes('role')).toBe('group')
    expect(wrapper.attributes('aria-label')).toBe('表示言語')
  })

  it('switches the app, the <html lang> and remembers the choice', async () => {
    const wrapper = mount(Page, { global: { plugins: [testI18n('ja')] } })
    expect(wrapper.find('h1').text()).toBe('ログイン')
    expect(document.documentElement.lang).toBe('ja')

    await wrapper.find('[data-locale="en"]').trigger('click')
    expect(wrapper.find('h1').text()).toBe('Sign in')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('kc.lang')).toBe('en')
    expect(wrapper.find('[data-locale="en"]').attributes('aria-pressed')).toBe('true')

    await wrapper.find('[data-locale="ja"]').trigger('click')
    expect(wrapper.find('h1').text()).toBe('ログイン')
    expect(localStorage.getItem('kc.lang')).toBe('ja')
  })

  it('is reachable and usable from the keyboard (native buttons)', async () => {
    const wrapper = mount(Page, { global: { plugins: [testI18n('en')] }, attachTo: document.body })
    const japanese = wrapper.find<HTMLButtonElement>('[data-locale="ja"]')
    japanese.element.focus()
    expect(document.activeElement).toBe(japanese.element)
    expect(japanese.attributes('type')).toBe('button')
    await japanese.trigger('click') // Enter and Space on a <button> fire click
    expect(wrapper.find('h1').text()).toBe('ログイン')
    wrapper.unmount()
  })
})

describe('detectLocale', () => {
  it('chooses Japanese for a Japanese browser and English otherwise', () => {
    localStorage.removeItem('kc.lang')
    expect(detectLocale(['ja-JP', 'en'])).toBe('ja')
    expect(detectLocale(['ja'])).toBe('ja')
    expect(detectLocale(['en-US', 'ja'])).toBe('en')
    expect(detectLocale(['de-DE'])).toBe('en')
  })

  it('prefers the stored choice', () => {
    localStorage.setItem('kc.lang', 'en')
    expect(detectLocale(['ja-JP'])).toBe('en')
    localStorage.removeItem('kc.lang')
  })

  it('starts the app in the detected language', () => {
    localStorage.removeItem('kc.lang')
    const i18n = createAppI18n(detectLocale(['ja-JP']))
    expect(i18n.global.locale.value).toBe('ja')
  })
})
