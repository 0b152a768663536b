// A failed command in a passing message: the core's text; a `policy` error (a local
// parameter of the year is missing or out of range) offers the way to 设置 → 本地政策参数.
import { ElMessage, ElMessageBox } from 'element-plus'
import type { Router } from 'vue-router'
import { errorText, fixRoute } from '@/api/errors'

export function showFailure(e: unknown, router: Router): void {
  const fix = fixRoute(e)
  if (!fix) {
    ElMessage.error(errorText(e))
    return
  }
  ElMessageBox.confirm(errorText(e), '本年度政策参数不全', {
    confirmButtonText: '到设置 · 本地政策参数', cancelButtonText: '关闭', type: 'warning',
  }).then(() => router.push(fix), () => undefined)
}
