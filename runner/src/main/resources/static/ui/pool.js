// The pool map: every node's devices as cells coloured by state, the tenant on leased cells where
// the caller may see it, counts per state; refreshed every 5 s.
import { page, api, escape } from '/ui/app.js';

const STATES = [
  ['leased', 'Leased'], ['available', 'Free'], ['draining', 'Draining'], ['down', 'Down'],
];

page('pool', async (main, who) => {
  main.innerHTML = `<h1>Pool</h1>
    <section class="card"><div class="stats" id="counts"></div>
      <p class="legend">${STATES.map(([s, label]) => `<span><i class="cell-swatch ${s}"></i>${label}</span>`).join('')}
        <span class="muted">${who.host ? 'Tenants shown on every lease.' : 'Other tenants\u2019 leases show as leased, unnamed.'}</span></p></section>
    <section class="card"><div id="pool"></div><p class="muted" id="note"></p></section>`;
  async function load() {
    const pool = await api('/api/v1/pool');
    const counts = Object.fromEntries(STATES.map(([s]) => [s, 0]));
    let total = 0;
    for (const node of pool.nodes) for (const d of node.devices) { counts[d.state] = (counts[d.state] ?? 0) + 1; total++; }
    main.querySelector('#counts').innerHTML = `<div data-count="total"><b>${total}</b>devices</div>`
      + STATES.map(([s, label]) => `<div data-count="${s}"><b>${counts[s]}</b>${label.toLowerCase()}</div>`).join('');
    main.querySelector('#pool').innerHTML = pool.nodes.map(node => `<div class="node" data-node="${escape(node.name)}">
      <div class="node-name"><b>${escape(node.name)}</b>${node.simulated ? ' <span class="muted">simulated</span>' : ''}
        ${node.draining ? ' <span class="tag draining">draining</span>' : ''}</div>
      <div class="cells">${node.devices.map(cell).join('')}</div></div>`).join('');
    main.querySelector('#note').textContent = pool.nodes.length === 0
      ? 'No nodes yet (rigshift pool add --node N --model M --count C --memory-gib G).' : '';
  }
  await load();
  setInterval(() => load().catch(() => {}), 5000);
});

function cell(d) {
  const label = d.state === 'leased' ? (d.tenant ?? 'leased') : STATES.find(([s]) => s === d.state)?.[1] ?? d.state;
  const title = `#${d.index} ${d.model} ${d.memory_gib} GiB: ${d.state}${d.tenant ? ' by ' + d.tenant : ''}${d.lease ? ' (lease ' + d.lease + ')' : ''}`;
  return `<div class="cell ${escape(d.state)}" data-index="${d.index}" data-state="${escape(d.state)}"
    ${d.tenant ? `data-tenant="${escape(d.tenant)}"` : ''} title="${escape(title)}">
    <span class="dev">#${d.index} ${escape(d.model)} · ${d.memory_gib} GiB</span><span class="who">${escape(label)}</span></div>`;
}
