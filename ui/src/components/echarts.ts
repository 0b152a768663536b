// ECharts with only the parts the app draws (bar and line charts, grid, tooltip, legend,
// mark lines, canvas): imported by EChart.vue when the first chart mounts, so the charts
// are a chunk of their own and tree-shaken.
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, CanvasRenderer])

export const init = echarts.init
