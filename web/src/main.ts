import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import './styles/base.css'
import './styles/office.css'

createApp(App).use(createAppI18n()).use(createAppRouter()).mount('#app')
