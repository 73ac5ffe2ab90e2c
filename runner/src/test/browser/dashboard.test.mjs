// Drives the dashboard in Debian's headless chromium (playwright-core, no browser download).
// Usage: node dashboard.test.mjs BASE_URL TENANT_TOKEN TENANT HOST_TOKEN MESH_JOB OTHER_TENANT_JOB LIVE_JOB OUT_DIR
// Prints one JSON line of figures; exits 1 with a message on the first failed check.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, tenantToken, tenant, hostToken, meshJob, otherJob, liveJob, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const figures = {};
const offsite = [];

function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Offline: anything not from the server itself is refused and recorded.
  await context.route('**/*', route => {
    if (route.request().url().startsWith(base)) return route.continue();
    offsite.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));

  // Jobs page: the token is asked once, then only this tenant's jobs are listed.
  await page.goto(base + '/');
  await page.fill('form.login input[name=token]', tenantToken);
  await page.click('form.login button');
  await page.waitForSelector('#jobs tbody tr');
  check(!page.url().includes(tenantToken), 'the token is not in the URL');
  const tenants = await page.$$eval('#jobs tbody tr', rows => rows.map(r => r.dataset.tenant));
  const ids = await page.$$eval('#jobs tbody tr', rows => rows.map(r => r.dataset.job));
  check(tenants.length > 0 && tenants.every(t => t === tenant), `only ${tenant}'s jobs listed: ${tenants}`);
  check(ids.includes(meshJob) && !ids.includes(otherJob), `job ${meshJob} listed, ${otherJob} not: ${ids}`);
  figures.jobsListed = ids.length;
  await page.screenshot({ path: `${out}/jobs.png` });

  // Another tenant's job is not shown, exactly like a missing one.
  await page.goto(`${base}/ui/job.html?id=${otherJob}`);
  await page.waitForFunction(() => document.body.innerText.includes('no job'));

  // A finished text3d job: loss curve with points, meshes rendered beside their PNGs. First load timed.
  const started = Date.now();
  await page.goto(`${base}/ui/job.html?id=${meshJob}`);
  await page.waitForFunction(() => Number(document.querySelector('#loss')?.dataset.points) > 0);
  figures.firstLoadChartMs = Date.now() - started;
  await page.waitForSelector('canvas[data-rendered=true]', { timeout: 60000 });
  await page.waitForFunction(() => [...document.querySelectorAll('.mesh img')].some(i => i.complete && i.naturalWidth > 0));
  figures.firstLoadMeshMs = Date.now() - started;
  figures.lossPoints = Number(await page.$eval('#loss', e => e.dataset.points));
  figures.meshes = await page.$$eval('canvas[data-mesh]', c => c.length);
  figures.triangles = Number(await page.$eval('canvas[data-rendered=true]', c => c.dataset.triangles));
  check(figures.triangles > 0, 'the mesh has triangles');
  const shot = await (await page.$('canvas[data-rendered=true]')).screenshot({ path: `${out}/mesh-canvas.png` });
  figures.canvasStdDev = await page.evaluate(pixelStdDev, shot.toString('base64'));
  check(figures.canvasStdDev > 8, `the 3D canvas is not blank (pixel std dev ${figures.canvasStdDev})`);
  await page.screenshot({ path: `${out}/job-mesh.png`, fullPage: true });

  // A running job: the plotted points grow while the page is open.
  if (liveJob !== '-') {
    await page.goto(`${base}/ui/job.html?id=${liveJob}`);
    await page.waitForFunction(() => Number(document.querySelector('#loss')?.dataset.points) > 0, null, { timeout: 60000 });
    const first = Number(await page.$eval('#loss', e => e.dataset.points));
    await page.waitForFunction(n => Number(document.querySelector('#loss').dataset.points) > n, first, { timeout: 60000 });
    const later = Number(await page.$eval('#loss', e => e.dataset.points));
    figures.livePoints = [first, later];
    await page.screenshot({ path: `${out}/job-live.png` });
  }

  // Usage as the host: every tenant, as charts.
  await page.goto(base + '/ui/');
  await page.click('header button'); // sign out
  await page.fill('form.login input[name=token]', hostToken);
  await page.click('form.login button');
  await page.waitForSelector('#jobs tbody tr');
  const hostTenants = new Set(await page.$$eval('#jobs tbody tr', rows => rows.map(r => r.dataset.tenant)));
  check(hostTenants.size >= 2, `the host sees every tenant: ${[...hostTenants]}`);
  await page.goto(base + '/ui/usage.html');
  await page.waitForSelector('#tenant tr[data-key]');
  figures.usageTenants = await page.$$eval('#tenant tr[data-key]', rows => rows.map(r => r.dataset.key));
  figures.usageDays = await page.$$eval('#day tr[data-key]', rows => rows.length);
  check(await page.$('#tenant-chart canvas') !== null, 'the by-tenant chart is drawn');
  await page.screenshot({ path: `${out}/usage.png`, fullPage: true });

  // Pool map and queue (as the host): node sim1 with its two simulated A40s, an empty queue.
  await page.goto(base + '/ui/pool.html');
  await page.waitForSelector('.node[data-node="sim1"] .cell');
  figures.poolCells = await page.$$eval('.node[data-node="sim1"] .cell', cells => cells.map(c => c.dataset.state));
  check(figures.poolCells.length === 2, `node sim1 shows 2 device cells: ${figures.poolCells}`);
  check(await page.$('header nav a.here[data-page="pool"]') !== null, 'the nav marks the pool page');
  figures.poolCounts = await page.$$eval('#counts [data-count]', d => Object.fromEntries(
    d.map(e => [e.dataset.count, Number(e.querySelector('b').textContent)])));
  check(figures.poolCounts.total === 2, `2 devices counted: ${JSON.stringify(figures.poolCounts)}`);
  await page.screenshot({ path: `${out}/pool.png`, fullPage: true });
  await page.click('header nav a[data-page="queue"]');
  await page.waitForSelector('#length[data-length]');
  figures.queueLength = Number(await page.$eval('#length', e => e.dataset.length));
  check(figures.queueLength === 0, `the queue is empty: ${figures.queueLength}`);
  check(await page.$$eval('#queue tbody tr', r => r.length) === 0, 'no queued rows');
  await page.screenshot({ path: `${out}/queue.png` });

  // The invoice page (as the host): the tenant's month with its lines and total.
  await page.click('header nav a[data-page="invoice"]');
  await page.fill('#choose input[name=tenant]', tenant);
  await page.click('#choose button');
  await page.waitForSelector('#invoice #total');
  figures.invoiceLines = await page.$$eval('#lines tr', rows => rows.length - 2);
  check(figures.invoiceLines >= 1, `the invoice has lines: ${figures.invoiceLines}`);
  await page.screenshot({ path: `${out}/invoice.png` });

  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  check(offsite.length === 0, 'nothing fetched from elsewhere: ' + offsite.join(', '));
  console.log(JSON.stringify(figures));
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** In the page: the standard deviation of a PNG's grey levels (0 for a blank image). */
async function pixelStdDev(base64) {
  const image = new Image();
  image.src = 'data:image/png;base64,' + base64;
  await image.decode();
  const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let sum = 0, squares = 0;
  const n = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    const grey = (data[i] + data[i + 1] + data[i + 2]) / 3;
    sum += grey;
    squares += grey * grey;
  }
  const mean = sum / n;
  return Math.sqrt(squares / n - mean * mean);
}
