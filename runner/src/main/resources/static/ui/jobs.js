// The jobs page: the caller's job executions, newest first, refreshed every 5 s.
import { page, api, escape, progress, progressBar, number, duration, time } from '/ui/app.js';

const PAGE_SIZE = 50;

page('jobs', async (main, who) => {
  main.innerHTML = `<h1>Jobs</h1><section class="card">
    <table id="jobs"><thead><tr><th>Job</th><th>Name</th><th>Type</th>${who.host ? '<th>Tenant</th>' : ''}
      <th>State</th><th>Node</th><th>Progress</th><th class="num">Step</th><th class="num">Steps/s</th>
      <th class="num">Last loss</th><th>Started</th><th class="num">Duration</th></tr></thead><tbody></tbody></table>
    <p class="row"><button id="older" hidden>Older jobs</button><span class="muted" id="note"></span></p></section>`;
  const body = main.querySelector('tbody');
  const older = main.querySelector('#older');
  let before = null;

  async function load(append) {
    const query = `limit=${PAGE_SIZE}` + (append && before ? `&before=${before}` : '');
    const listing = await api('/api/v1/jobs?' + query);
    if (!append) body.innerHTML = '';
    for (const job of listing.jobs) body.append(row(job, who));
    before = listing.next_before ?? null;
    older.hidden = before == null;
    main.querySelector('#note').textContent = body.children.length === 0 ? 'No jobs yet.' : '';
  }
  older.onclick = () => load(true);
  await load(false);
  setInterval(() => { if (body.children.length <= PAGE_SIZE) load(false).catch(() => {}); }, 5000);
});

function row(job, who) {
  const tr = document.createElement('tr');
  tr.dataset.job = job.id;
  tr.dataset.tenant = job.tenant;
  tr.innerHTML = `<td><a href="/ui/job.html?id=${job.id}">#${job.id}</a></td><td>${escape(job.name ?? '')}</td>
    <td>${escape(job.job_type)}</td>${who.host ? `<td>${escape(job.tenant)}</td>` : ''}
    <td class="state ${escape(job.status)}">${escape(job.status)}${job.stale ? ' (stale)' : ''}</td>
    <td>${escape(job.node ?? '–')}<div class="muted">${escape(job.device ?? '')}</div></td><td>${progressBar(progress(job))}</td>
    <td class="num">${job.global_step ?? '–'}</td><td class="num">${number(job.metrics?.['train.steps_per_s'], 3)}</td>
    <td class="num">${number(job.last_loss)}</td><td>${time(job.start)}</td><td class="num">${duration(job.duration_ms)}</td>`;
  return tr;
}
