// The dashboard's shared code: the token (asked once, kept in sessionStorage, sent only as
// "Authorization: Bearer", never in a URL), API calls, the page frame and number formats.

const TOKEN_KEY = 'rigshift.token';

export class Unauthorized extends Error {}

/** GETs (or POSTs) an API path with the token; JSON, text or a Blob by `as`. */
export async function api(path, { as = 'json', method = 'GET' } = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new Unauthorized('no token');
  const response = await fetch(path, { method, headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    throw new Unauthorized('the token was refused');
  }
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).error || message; } catch (ignored) { /* not JSON */ }
    throw new Error(message);
  }
  return as === 'json' ? response.json() : as === 'text' ? response.text() : response.blob();
}

/** The page frame: header with navigation and who is signed in; asks for a token first if none is kept. */
export async function page(here, render) {
  const main = document.querySelector('main');
  const header = document.createElement('header');
  header.innerHTML = `<span class="brand">Rigshift</span>
    <nav><a href="/ui/" data-page="jobs">Jobs</a><a href="/ui/pool.html" data-page="pool">Pool</a><a href="/ui/queue.html" data-page="queue">Queue</a><a href="/ui/usage.html" data-page="usage">Usage</a><a href="/ui/invoice.html" data-page="invoice">Invoice</a></nav>
    <span class="who"></span>`;
  header.querySelector(`[data-page="${here}"]`)?.classList.add('here');
  document.body.prepend(header);
  for (;;) {
    try {
      const who = await api('/api/v1/whoami');
      header.querySelector('.who').innerHTML = '';
      header.querySelector('.who').append(who.host ? 'host (all tenants) ' : `tenant ${who.tenant} `, signOutButton());
      await render(main, who);
      return;
    } catch (e) {
      if (!(e instanceof Unauthorized)) {
        const problem = document.createElement('p');
        problem.className = 'error';
        problem.textContent = e.message;
        main.prepend(problem);
        return;
      }
      await askForToken(main, sessionStorage.getItem(TOKEN_KEY) === null && e.message !== 'no token'
        ? 'That token was refused (unknown, revoked or expired).' : '');
    }
  }
}

function signOutButton() {
  const button = document.createElement('button');
  button.textContent = 'Sign out';
  button.onclick = () => { sessionStorage.removeItem(TOKEN_KEY); location.reload(); };
  return button;
}

function askForToken(main, problem) {
  return new Promise(resolve => {
    main.innerHTML = `<form class="login" autocomplete="off">
      <h1>Sign in</h1>
      <p class="muted">Paste an API token (<code>rigshift token create --tenant T</code>, or a host token).
      It is kept in this tab only.</p>
      <input type="password" name="token" placeholder="rs_..." required>
      <p class="error">${escape(problem)}</p>
      <button class="primary" type="submit">Open the dashboard</button></form>`;
    const form = main.querySelector('form');
    form.onsubmit = event => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, form.token.value.trim());
      main.innerHTML = '';
      resolve();
    };
  });
}

export function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export const RUNNING = new Set(['STARTING', 'STARTED', 'STOPPING']);

/** Fraction done from the job's figures, or null where the job does not say how long it runs. */
export function progress(job) {
  if (job.status === 'COMPLETED') return 1;
  const total = job.metrics?.['train.steps_total'];
  return total && job.global_step != null ? Math.min(1, job.global_step / total) : null;
}

export function progressBar(fraction) {
  if (fraction == null) return '<span class="muted">–</span>';
  const percent = Math.round(fraction * 100);
  return `<span class="bar"><span style="width:${percent}%"></span></span> ${percent}%`;
}

export function number(value, digits = 4) {
  return value == null ? '–' : Number(value).toPrecision(digits);
}

export function duration(ms) {
  if (ms == null) return '–';
  const s = Math.round(ms / 1000);
  return s < 60 ? s + ' s' : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min`;
}

export function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/([+-]\d\d:\d\d|Z)$/, '') : '–';
}
