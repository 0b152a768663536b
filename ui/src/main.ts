// Entry: Vue app with Element Plus (zh-CN), Pinia and the hash router. Everything is
// bundled; nothing is fetched at run time.

import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElLoading } from 'element-plus'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import 'element-plus/theme-chalk/el-loading.css'
import './styles/app.css'
import App from './App.vue'
import { router } from './router'

// Components come with the templates that use them (vite.config.ts); the loading directive
// and the message boxes are the only parts used from script. The locale is set in App.vue.
createApp(App).use(createPinia()).use(router).use(ElLoading).mount('#app')
