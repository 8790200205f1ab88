// ECharts with only what the UI draws (bars, lines and the network graph, grid, tooltip, legend, SVG renderer), so
// the bundle stays small.
import { BarChart, GraphChart, LineChart } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([
  BarChart,
  GraphChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  SVGRenderer,
])

export { echarts }
export type { EChartsCoreOption } from 'echarts/core'
