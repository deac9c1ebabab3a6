import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import fs from 'node:fs';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 400 });
chart.setOption({ animation: false, textStyle:{fontFamily:'DejaVu Sans'}, xAxis: { type: 'category', data: ['Кировский','Слободской'] }, yAxis: {}, series: [{ type: 'bar', data: [10, 20] }, { type: 'bar', data: [15, 15] }] });
const svg = chart.renderToSVGString();
const r = new Resvg(svg, { font: { fontFiles: ['node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'width', value: 1600 } });
fs.writeFileSync('/tmp/rtest/c.png', r.render().asPng());
console.log('ok');
