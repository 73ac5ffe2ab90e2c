// The invoice page: a tenant's month, line by line (model, job, days, device-hours, unit price,
// amount), with its total; provisional while the month runs. A tenant's token sees its own only.
import { page, api, escape } from '/ui/app.js';

page('invoice', async (main, who) => {
  const month = new Date().toISOString().slice(0, 7);
  main.innerHTML = `<h1>Invoice</h1>
    <form class="row card" id="choose" style="padding:.6em 1em">
      <label>Tenant <input name="tenant" required pattern="[a-z0-9][a-z0-9-]{0,62}" value="${escape(who.tenant ?? '')}"
        ${who.host ? '' : 'readonly'}></label>
      <label>Month <input type="month" name="month" required value="${month}"></label>
      <button class="primary">Show</button></form>
    <section class="card" id="invoice"><p class="muted">${who.host ? 'Name a tenant.' : ''}</p></section>`;
  const form = main.querySelector('#choose');
  const out = main.querySelector('#invoice');
  async function load() {
    if (!form.tenant.value) return;
    try {
      const invoice = await api(`/api/v1/invoices/${encodeURIComponent(form.tenant.value)}/${form.month.value}`);
      out.innerHTML = `<h2>${escape(invoice.tenant)} · ${escape(invoice.month)}
          ${invoice.provisional ? '<span class="tag">provisional</span>' : ''}</h2>
        <table id="lines"><tr><th>Model</th><th>Job</th><th>Days</th><th class="num">Device-hours</th>
          <th class="num">Unit price</th><th class="num">Amount (${escape(invoice.currency)})</th></tr>
        ${invoice.lines.map(l => `<tr><td>${escape(l.model)}</td><td><a href="/ui/job.html?id=${l.jobExecutionId}">#${l.jobExecutionId}</a></td>
          <td>${escape(l.firstDay)}${l.lastDay !== l.firstDay ? ' – ' + escape(l.lastDay) : ''}</td>
          <td class="num">${escape(l.deviceHours)}</td><td class="num">${escape(l.unitPrice)}</td>
          <td class="num">${escape(l.amount)}${l.running ? ' (running)' : ''}</td></tr>`).join('')}
        <tr><th colspan="3">Total</th><th class="num">${escape(invoice.totalDeviceHours)}</th><th></th>
          <th class="num" id="total">${escape(invoice.total)}</th></tr>
        ${invoice.notes.map(n => `<tr><td colspan="6" class="muted">${escape(n)}</td></tr>`).join('')}</table>`;
    } catch (error) {
      out.innerHTML = `<p class="error">${escape(error.message)}</p>`;
    }
  }
  form.onsubmit = event => { event.preventDefault(); load(); };
  await load();
});
