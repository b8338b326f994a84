/* cdp.js — a small Chrome DevTools Protocol client over --remote-debugging-pipe
 * (node built-ins only): starts headless Chromium, opens one page, and
 * records every script error, console error and network request it makes.
 *
 *   const b = await launch();            // CHROMIUM= overrides the binary
 *   const page = await b.page(1200);     // a tab 1200 px wide
 *   await page.open('file:///...');
 *   const v = await page.eval('1 + 1');  // the value of an expression
 *   page.errors, page.requests           // what the page did
 *   await b.close();
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

async function launch() {
  const name = process.env.CHROMIUM || 'chromium';
  const bin = name.includes('/') ? name : (process.env.PATH || '').split(':')
    .map((d) => path.join(d, name)).find((f) => fs.existsSync(f));
  if (!bin || !fs.existsSync(bin))
    throw new Error(`${name} not found; install the Debian package chromium (make deps)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'klx-chromium-'));
  const proc = spawn(bin, ['--headless', '--no-sandbox', '--disable-gpu',
    '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-extensions', '--disable-default-apps',
    '--mute-audio', '--hide-scrollbars', `--user-data-dir=${profile}`,
    '--remote-debugging-pipe', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const out = proc.stdio[3], inp = proc.stdio[4];
  let id = 0, buf = '';
  const pending = new Map(), listeners = [];
  inp.on('data', (chunk) => {
    buf += chunk.toString('utf8');
    let k;
    while ((k = buf.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buf.slice(0, k));
      buf = buf.slice(k + 1);
      if (msg.id !== undefined && pending.has(msg.id)) {
        const { resolve, reject, method } = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg.result);
      } else {
        listeners.forEach((f) => f(msg));
      }
    }
  });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  proc.on('exit', () => pending.forEach(({ reject }) =>
    reject(new Error(`chromium exited: ${stderr.trim().split('\n').pop()}`))));
  function send(method, params = {}, sessionId) {
    const msg = { id: ++id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    out.write(JSON.stringify(msg) + '\0');
    return new Promise((resolve, reject) => pending.set(msg.id, { resolve, reject, method }));
  }
  async function page(width, height = 900) {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const s = (method, params) => send(method, params, sessionId);
    const p = { errors: [], requests: [], send: s, width };
    const waiters = [];
    listeners.push((msg) => {
      if (msg.sessionId !== sessionId) return;
      const m = msg.method, q = msg.params;
      if (m === 'Runtime.exceptionThrown')
        p.errors.push(q.exceptionDetails.exception
          ? q.exceptionDetails.exception.description : q.exceptionDetails.text);
      else if (m === 'Runtime.consoleAPICalled' && (q.type === 'error' || q.type === 'assert'))
        p.errors.push('console.' + q.type + ': ' + q.args.map((a) => a.value || a.description).join(' '));
      else if (m === 'Log.entryAdded' && q.entry.level === 'error')
        p.errors.push('log: ' + q.entry.text + (q.entry.url ? ' ' + q.entry.url : ''));
      else if (m === 'Network.requestWillBeSent')
        p.requests.push(q.request.url);
      for (let k = waiters.length - 1; k >= 0; k--)
        if (waiters[k].method === m) waiters.splice(k, 1)[0].resolve(q);
    });
    p.next = (method) => new Promise((resolve) => waiters.push({ method, resolve }));
    await s('Runtime.enable');
    await s('Log.enable');
    await s('Network.enable');
    await s('Page.enable');
    await s('Emulation.setDeviceMetricsOverride',
      { width, height, deviceScaleFactor: 1, mobile: false });
    p.open = async (url) => {
      const loaded = p.next('Page.loadEventFired');
      const r = await s('Page.navigate', { url });
      if (r.errorText) throw new Error(`${url}: ${r.errorText}`);
      await loaded;
    };
    p.eval = async (expr) => {
      const r = await s('Runtime.evaluate', { expression: expr, returnByValue: true,
        awaitPromise: true });
      if (r.exceptionDetails)
        throw new Error(`${expr.slice(0, 80)}: ${r.exceptionDetails.exception
          ? r.exceptionDetails.exception.description : r.exceptionDetails.text}`);
      return r.result.value;
    };
    return p;
  }
  async function close() {
    try { await send('Browser.close'); } catch (e) { /* it may exit first */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return { page, close };
}

module.exports = { launch };
