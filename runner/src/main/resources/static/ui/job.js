// A job's page: its figures, the loss curve (live from the job's server-sent events while it runs; polled
// every 2 s where the stream cannot be had), metrics, checkpoint,
// the log tail, artifacts and, where the job exported meshes, a 3D viewer beside each PNG preview.
import uPlot from 'uplot';
import { page, api, escape, progress, progressBar, number, duration, time, RUNNING } from '/ui/app.js';

const POLL_MS = 2000;
const LOG_TAIL_BYTES = 16384;

page('jobs', async (main) => {
  const id = Number(new URLSearchParams(location.search).get('id'));
  if (!Number.isInteger(id) || id < 1) {
    main.innerHTML = '<p class="error">No job given: open a job from the <a href="/ui/">jobs page</a>.</p>';
    return;
  }
  main.innerHTML = `<h1>Job #${id} <span class="muted" id="title"></span></h1>
    <section class="card"><div class="stats" id="stats"></div></section>
    <section class="card"><h2>Loss</h2><div id="loss" data-points="0"></div><p class="muted" id="loss-note"></p></section>
    <section class="card" id="meshes-card" hidden><h2>Exported meshes</h2>
      <p class="muted">Drag to turn, scroll to zoom. The PNG beside each is the job's own preview.</p>
      <div class="meshes" id="meshes"></div></section>
    <div class="row" style="align-items:flex-start">
      <section class="card" style="flex:1"><h2>Metrics</h2><table id="metrics"></table></section>
      <section class="card" style="flex:1"><h2>Phases</h2><table id="phases"></table></section></div>
    <section class="card"><h2>Log <span class="muted">(tail)</span></h2><pre class="log" id="log"></pre></section>
    <section class="card"><h2>Artifacts</h2><table id="artifacts"></table></section>`;

  const chart = lossChart(main.querySelector('#loss'));
  let meshesShown = false;

  async function refresh() {
    const view = await api(`/api/v1/jobs/${id}`);
    showStatus(main, view);
    const loss = await api(`/api/v1/jobs/${id}/metrics/loss`);
    chart.show(loss.points);
    main.querySelector('#loss-note').textContent = loss.points.length === 0 ? 'No losses reported (yet).'
      : `${loss.points.length} points` + (RUNNING.has(view.job.status) ? ', live while it runs' : '');
    await showLogTail(main.querySelector('#log'), id);
    if (!meshesShown && !RUNNING.has(view.job.status)) {
      meshesShown = true;
      await showArtifacts(main, id);
    }
    return RUNNING.has(view.job.status);
  }

  if (!await refresh()) {
    return;
  }
  // Live: the job's server-sent events, read with fetch (EventSource cannot send the Bearer header, and a
  // token in a URL would leak into logs). Polling is the fallback if the stream breaks.
  try {
    await follow(id, {
      loss: points => { chart.append(points); main.querySelector('#loss-note').textContent = `${chart.count()} points, live`; },
      status: () => refresh(),
    });
    await refresh();
  } catch (streamFailed) {
    while (await refresh()) {
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
    }
  }
});

/** Reads /api/v1/jobs/{id}/events until its `end` event, calling a handler per event name. */
async function follow(id, handlers) {
  const token = sessionStorage.getItem('rigshift.token');
  const response = await fetch(`/api/v1/jobs/${id}/events`, {
    headers: { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' }, cache: 'no-store' });
  if (!response.ok || !response.body) throw new Error('no event stream: ' + response.status);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the event stream ended early');
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (name === 'end') {
        reader.cancel();
        return;
      }
      if (handlers[name]) handlers[name](data ? JSON.parse(data) : null);
    }
  }
}

function showStatus(main, view) {
  const job = view.job;
  main.querySelector('#title').textContent = [job.name, job.job_type, 'tenant ' + job.tenant].filter(Boolean).join(' · ');
  const stat = (label, value) => `<div><span class="muted">${label}</span><b>${value}</b></div>`;
  main.querySelector('#stats').innerHTML =
    stat('State', `<span class="state ${escape(job.status)}">${escape(job.status)}${job.stale ? ' (stale)' : ''}</span>`)
    + stat('Node', escape(job.device ?? '–')) + stat('Progress', progressBar(progress(job)))
    + stat('Step', view.global_step ?? '–') + stat('Steps/s', number(job.metrics?.['train.steps_per_s'], 3))
    + stat('Last loss', number(view.last_loss)) + stat('Checkpoint', escape(view.checkpoint ?? '–'))
    + stat('Started', time(job.start)) + stat('Duration', duration(job.duration_ms))
    + (view.executions.length > 1 ? stat('Executions', view.executions.join(', ')) : '')
    + (view.exit_description ? stat('Exit', escape(view.exit_description)) : '');
  main.querySelector('#metrics').innerHTML = Object.entries(view.metrics ?? {}).map(([name, value]) =>
    `<tr><td>${escape(name)}</td><td class="num">${number(value, 5)}</td></tr>`).join('') || '<tr><td class="muted">none</td></tr>';
  main.querySelector('#phases').innerHTML = '<tr><th>Phase</th><th>State</th><th class="num">Commits</th><th>Ended</th></tr>'
    + view.steps.map(s => `<tr><td>${escape(s.name)}</td><td class="state ${escape(s.status)}">${escape(s.status)}</td>
      <td class="num">${s.commit_count}</td><td>${time(s.end)}</td></tr>`).join('');
}

function lossChart(element) {
  let plot = null;
  const byStep = new Map(); // step -> loss; a resumed run's redone steps replace the old values
  function render() {
    const steps = [...byStep.keys()].sort((a, b) => a - b);
    element.dataset.points = String(steps.length);
    const data = [steps, steps.map(step => byStep.get(step))];
    if (plot === null) {
      plot = new uPlot({
        width: Math.max(320, element.clientWidth), height: 260,
        scales: { x: { time: false } },
        axes: [{ label: 'step' }, { label: 'loss' }],
        series: [{ label: 'step' }, { label: 'loss', stroke: '#2463eb', width: 1.5 }],
      }, data, element);
      new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: 260 })).observe(element);
    } else {
      plot.setData(data);
    }
  }
  return {
    show(points) {
      byStep.clear();
      points.forEach(p => byStep.set(p.step, p.value));
      render();
    },
    append(points) {
      points.forEach(p => byStep.set(p.step, p.value));
      render();
    },
    count() {
      return byStep.size;
    },
  };
}

/** Shows the log's last bytes (16 KiB again at each poll: cheap, and no offsets to keep). */
async function showLogTail(pre, id) {
  const text = await api(`/api/v1/jobs/${id}/logs?tail=${LOG_TAIL_BYTES}`, { as: 'text' });
  if (text === pre.textContent) return;
  const atBottom = pre.textContent === '' || pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  pre.textContent = text;
  if (atBottom) pre.scrollTop = pre.scrollHeight;
}

async function showArtifacts(main, id) {
  const { artifacts } = await api(`/api/v1/jobs/${id}/artifacts`);
  const table = main.querySelector('#artifacts');
  table.innerHTML = artifacts.map(a => `<tr><td><a href="#" data-path="${escape(a.path)}">${escape(a.path)}</a></td>
    <td class="num">${(a.bytes / 1024).toFixed(1)} KiB</td></tr>`).join('') || '<tr><td class="muted">none</td></tr>';
  table.onclick = async event => {
    const path = event.target.dataset?.path;
    if (!path) return;
    event.preventDefault();
    const url = URL.createObjectURL(await api(artifactUrl(id, path), { as: 'blob' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: path.split('/').pop() });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };
  const meshes = artifacts.filter(a => a.path.endsWith('.obj'));
  if (meshes.length === 0) return;
  main.querySelector('#meshes-card').hidden = false;
  const { showMesh } = await import('/ui/meshes.js');
  const container = main.querySelector('#meshes');
  for (const mesh of meshes) {
    const stem = mesh.path.slice(0, -4);
    const png = artifacts.find(a => a.path === stem + '.png');
    const caption = artifacts.find(a => a.path === stem + '.txt');
    const card = document.createElement('div');
    card.className = 'mesh';
    card.innerHTML = `<div class="muted">${escape(stem.split('/').pop())}</div><div class="caption"></div>
      <div class="pair"><canvas width="500" height="500" data-mesh="${escape(mesh.path)}"></canvas></div>`;
    container.append(card);
    if (caption) card.querySelector('.caption').textContent = await api(artifactUrl(id, caption.path), { as: 'text' });
    if (png) {
      const img = new Image();
      img.alt = 'preview ' + png.path;
      img.src = URL.createObjectURL(await api(artifactUrl(id, png.path), { as: 'blob' }));
      card.querySelector('.pair').append(img);
    }
    showMesh(card.querySelector('canvas'), await api(artifactUrl(id, mesh.path), { as: 'text' }));
  }
}

function artifactUrl(id, path) {
  return `/api/v1/jobs/${id}/artifacts/` + path.split('/').map(encodeURIComponent).join('/');
}
