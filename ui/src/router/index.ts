// Hash routes (the app is served from files, so no history mode).

import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { title: '首页' } },
  { path: '/households', name: 'households', component: () => import('@/views/HouseholdsView.vue'), meta: { title: '户列表' } },
  { path: '/households/:id', name: 'household', component: () => import('@/views/HouseholdView.vue'), props: true, meta: { title: '户详情' } },
  { path: '/check', name: 'check', component: () => import('@/views/CheckView.vue'), meta: { title: '数据核查' } },
  { path: '/print', name: 'print', component: () => import('@/views/PrintView.vue'), meta: { title: '打印中心' } },
  { path: '/cadres', name: 'cadres', component: () => import('@/views/CadresView.vue'), meta: { title: '帮扶干部' } },
  { path: '/changes', name: 'changes', component: () => import('@/views/ChangesView.vue'), meta: { title: '变更记录' } },
  { path: '/township', name: 'township', component: () => import('@/views/TownshipView.vue'), meta: { title: '乡镇概览' } },
  { path: '/merge', name: 'merge', component: () => import('@/views/MergeView.vue'), meta: { title: '合并' } },
  { path: '/exchange', name: 'exchange', component: () => import('@/views/ExchangeView.vue'), meta: { title: '导入/导出' } },
  { path: '/settings', name: 'settings', component: () => import('@/views/SettingsView.vue'), meta: { title: '设置' } },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHashHistory(), routes })
