// Entry: Vue app with Element Plus (zh-CN), Pinia and the hash router. Everything is
// bundled; nothing is fetched at run time.

import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles/app.css'
import App from './App.vue'
import { router } from './router'

createApp(App).use(createPinia()).use(router).use(ElementPlus, { locale: zhCn, size: 'default' }).mount('#app')
