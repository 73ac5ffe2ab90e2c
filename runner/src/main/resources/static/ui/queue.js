// The queue: requests waiting for devices, by position, with how long each has waited; the total
// length counts every tenant's requests, the table only those the caller may see. Refreshed every 5 s.
import { page, api, escape, duration } from '/ui/app.js';

page('queue', async (main, who) => {
  main.innerHTML = `<h1>Queue</h1>
    <section class="card"><div class="stats"><div><b id="length">–</b>waiting in all</div>
      <div><b id="shown">–</b>${who.host ? 'shown (all tenants)' : 'yours'}</div></div></section>
    <section class="card"><table id="queue"><thead><tr><th class="num">Position</th><th>Tenant</th>
      <th class="num">GPUs</th><th>Model</th><th>Job</th><th class="num">Waiting</th><th>Over quota</th></tr></thead>
      <tbody></tbody></table><p class="muted" id="note"></p></section>`;
  async function load() {
    const queue = await api('/api/v1/queue');
    const length = main.querySelector('#length');
    length.textContent = queue.length;
    length.dataset.length = String(queue.length);
    main.querySelector('#shown').textContent = queue.waiting.length;
    main.querySelector('tbody').innerHTML = queue.waiting.map(r => `<tr data-position="${r.position}">
      <td class="num">${r.position}</td><td>${escape(r.tenant)}</td><td class="num">${r.gpus}</td>
      <td>${escape(r.gpu_model ?? 'any')}</td><td>${escape(r.job ?? '–')}</td>
      <td class="num">${duration(r.waiting_s * 1000)}</td><td>${r.over_quota ? '<span class="tag draining">over quota</span>' : ''}</td></tr>`).join('');
    main.querySelector('#note').textContent = queue.length === 0 ? 'Nothing is waiting.'
      : queue.waiting.length === 0 ? 'None of the waiting requests is yours.' : '';
  }
  await load();
  setInterval(() => load().catch(() => {}), 5000);
});
