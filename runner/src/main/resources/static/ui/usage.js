// The usage page: device-hours and cost by tenant and by day, as bar charts and tables.
import uPlot from 'uplot';
import { page, api, escape } from '/ui/app.js';

page('usage', async (main, who) => {
  main.innerHTML = `<h1>Usage</h1>
    <form class="row card" id="window" style="padding:.6em 1em">
      <label>From <input type="date" name="from"></label><label>To <input type="date" name="to"></label>
      <button class="primary">Show</button><span class="muted">${who.host ? 'All tenants.' : 'Your tenant only.'} Times UTC.</span></form>
    <section class="card"><h2>By tenant</h2><div id="tenant-chart"></div><table id="tenant"></table></section>
    <section class="card"><h2>By day</h2><div id="day-chart"></div><table id="day"></table></section>`;
  const form = main.querySelector('#window');
  const charts = {};
  async function load() {
    const query = new URLSearchParams();
    if (form.from.value) query.set('from', form.from.value);
    if (form.to.value) query.set('to', form.to.value);
    for (const by of ['tenant', 'day']) {
      query.set('by', by);
      const report = await api('/api/v1/usage?' + query);
      charts[by]?.destroy();
      charts[by] = barChart(main.querySelector(`#${by}-chart`), report.rows);
      main.querySelector('#' + by).innerHTML = `<tr><th>${by}</th><th class="num">Device-hours</th>
        <th class="num">Cost (${escape(report.currency)})</th><th></th></tr>`
        + report.rows.map(r => `<tr data-key="${escape(r.key)}"><td>${escape(r.key)}</td><td class="num">${escape(r.deviceHours)}</td>
          <td class="num">${escape(r.cost)}</td><td>${r.running ? 'running' : ''}</td></tr>`).join('')
        + `<tr><th>Total</th><th class="num">${escape(report.total.deviceHours)}</th><th class="num">${escape(report.total.cost)}</th><th></th></tr>`
        + report.notes.map(n => `<tr><td colspan="4" class="muted">${escape(n)}</td></tr>`).join('');
    }
  }
  form.onsubmit = event => { event.preventDefault(); load(); };
  await load();
});

function barChart(element, rows) {
  element.dataset.bars = String(rows.length);
  if (rows.length === 0) return null;
  const keys = rows.map(r => r.key);
  const hours = rows.map(r => r.deviceMs / 3_600_000);
  return new uPlot({
    width: Math.max(320, element.clientWidth), height: 220,
    scales: { x: { time: false, range: [-0.5, keys.length - 0.5] } },
    axes: [{ values: (u, ticks) => ticks.map(t => keys[t] ?? ''), splits: () => keys.map((k, i) => i) },
      { label: 'device-hours' }],
    series: [{ label: 'row', value: (u, i) => keys[i] ?? '' },
      { label: 'device-hours', fill: '#2463eb99', stroke: '#2463eb', paths: uPlot.paths.bars({ size: [0.6, 80] }),
        points: { show: false } }],
  }, [keys.map((k, i) => i), hours], element);
}
