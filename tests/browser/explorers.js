/* explorers.js — the explorers of the built report, driven in headless
 * Chromium (tests/browser/cdp.js, node built-ins only):
 *
 *   node tests/browser/explorers.js OUT-DIR KL-BINARY
 *
 * For output/report.html at 1200 and 400 px, and for every chapter page
 * with an explorer: the page logs no script error, fetches nothing but
 * itself and its data: URIs, has unique ids and at most 60 kB of script;
 * every explorer is built, hidden in print (its static figure shown) and
 * absent without script.  Each explorer is driven with pointer, touch and
 * key events, and its readout and drawing are read back and compared with
 * the chapter's own numbers: values.tsv (the printed digits), the
 * explorer's data file, and, for the bars the reader drags, the `kl`
 * calculator (the C library) on the same distributions; the page's measures
 * are checked against the library's table bars-check.tsv to 1e-12.
 * Prints one line a failure and exits 1 if there is any. */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { launch } = require('./cdp.js');

const [OUT, KL] = process.argv.slice(2);
if (!OUT || !KL) {
  console.error('usage: node tests/browser/explorers.js OUT-DIR KL-BINARY');
  process.exit(2);
}
const SCRIPT_LIMIT = 60000;
let failures = 0, checks = 0, current = '';
function check(ok, what) {
  checks++;
  if (!ok) {
    failures++;
    console.log(`  FAIL     ${what.startsWith(current) ? what : current + ': ' + what}`);
  }
  return ok;
}

/* ---- the chapter's own numbers ---------------------------------------- */

function chapterDir(id) {           // x05-map -> output/05-gaussian-kl
  const nn = id.slice(1, 3);
  const d = fs.readdirSync(OUT).find((f) => f.startsWith(nn + '-'));
  return path.join(OUT, d);
}
function values(dir) {
  const v = {};
  for (const line of fs.readFileSync(path.join(dir, 'values.tsv'), 'utf8').split('\n')) {
    if (!line || line[0] === '#') continue;
    const [k, t] = line.split('\t');
    v[k] = t;
  }
  return v;
}
function explorerData(id) {
  const file = path.join(chapterDir(id), id.slice(4) + '.explorer.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/* A number as the book prints it ("−2.5", "3 × 10^−7^", "∞"). */
function num(s) {
  s = String(s).trim().replace(/−/g, '-').replace(/\^/g, '');
  if (s === '∞') return Infinity;
  if (s === '-∞') return -Infinity;
  const m = s.match(/^(-?[\d.]+)(?: × 10(-?\d+))?$/);
  if (!m) return NaN;
  return Number(m[1]) * (m[2] ? Math.pow(10, Number(m[2])) : 1);
}
function sigDigits(s) {
  const m = String(s).replace(/−/g, '-').match(/[\d.]+/);
  return m ? m[0].replace('.', '').replace(/^0+/, '').length || 1 : 1;
}
/* Whether two printed numbers agree to the digits the shorter shows. */
function agree(a, b) {
  const x = num(a), y = num(b);
  if (!isFinite(x) || !isFinite(y)) return x === y;
  const digits = Math.min(sigDigits(a), sigDigits(b));
  const ref = Math.abs(y) > 0 ? Math.abs(y) : Math.abs(x);
  if (ref === 0) return true;
  const unit = Math.pow(10, Math.floor(Math.log10(ref)) - digits + 1);
  return Math.abs(x - y) <= 0.55 * unit;
}
/* A printed number against an exact one, to the printed digits. */
function printedIs(s, v) {
  if (!isFinite(v)) return num(s) === v;
  if (v === 0) return num(s) === 0;
  const unit = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - sigDigits(s) + 1);
  return Math.abs(num(s) - v) <= 0.5 * unit * (1 + 1e-9);
}
/* ---- driving the page --------------------------------------------------- */

/* Client coordinates of data point (x, y) in the panel matching SELECTOR. */
async function pixel(page, selector, x, y) {
  return page.eval(`(() => {
    const g = document.querySelector(${JSON.stringify(selector)});
    const svg = g.ownerSVGElement, r = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    const [x0, x1, px0, px1] = g.getAttribute('data-x').split(',').map(Number);
    const [y0, y1, py0, py1] = g.getAttribute('data-y').split(',').map(Number);
    const X = px0 + (${x} - x0) * (px1 - px0) / (x1 - x0);
    const Y = py0 + (${y} - y0) * (py1 - py0) / (y1 - y0);
    return {x: r.left + X * r.width / vb.width, y: r.top + Y * r.height / vb.height};
  })()`);
}
async function scrollTo(page, id) {
  await page.eval(`document.getElementById('${id}').scrollIntoView({block: 'center'})`);
}
async function mouse(page, type, p, buttons) {
  await page.send('Input.dispatchMouseEvent', { type, x: p.x, y: p.y,
    button: buttons ? 'left' : 'none', buttons: buttons ? 1 : 0, clickCount: 1 });
}
async function touch(page, p) {
  await page.send('Input.dispatchTouchEvent', { type: 'touchStart',
    touchPoints: [{ x: p.x, y: p.y }] });
  await page.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
const KEYS = { ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40 };
async function key(page, name, shift) {
  const k = { key: name, code: name, windowsVirtualKeyCode: KEYS[name],
              modifiers: shift ? 8 : 0 };
  await page.send('Input.dispatchKeyEvent', Object.assign({ type: 'keyDown' }, k));
  await page.send('Input.dispatchKeyEvent', Object.assign({ type: 'keyUp' }, k));
}
/* The numbers of the readout (its value spans), as printed. */
async function readout(page, id) {
  return page.eval(`[...document.querySelectorAll('#${id} .explorer-readout .v')]
    .map((e) => e.textContent)`);
}
/* The points of the path SELECTOR, in the data coordinates of its panel. */
async function drawn(page, selector) {
  return page.eval(`(() => {
    const e = document.querySelector(${JSON.stringify(selector)}), g = e.closest('.panel');
    const [x0, x1, px0, px1] = g.getAttribute('data-x').split(',').map(Number);
    const [y0, y1, py0, py1] = g.getAttribute('data-y').split(',').map(Number);
    const inv = (p, d0, d1, r0, r1) => d0 + (p - r0) * (d1 - d0) / (r1 - r0);
    const pts = e.tagName === 'circle' ? [[+e.getAttribute('cx'), +e.getAttribute('cy')]]
      : e.getAttribute('d').slice(1).split('L').map((s) => s.split(',').map(Number));
    return {pts: pts.map(([X, Y]) => [inv(X, x0, x1, px0, px1), inv(Y, y0, y1, py0, py1)]),
            ux: Math.abs((x1 - x0) / (px1 - px0)), uy: Math.abs((y1 - y0) / (py1 - py0))};
  })()`);
}

/* ---- kind "map" --------------------------------------------------------- */

const MAP_VALUES = {   // explorer -> the values.tsv names of its probe
  'x05-map': ['map_probe_mu', 'map_probe_sigma', 'map_probe_d', 'map_probe_bits'],
  'x06-pull': [null, null, 'pull_probe_d', 'pull_probe_bits'],
};

function nearest(arr, v) {
  let best = 0;
  arr.forEach((a, k) => { if (Math.abs(a - v) < Math.abs(arr[best] - v)) best = k; });
  return best;
}

/* The readout and the drawing show grid point (i, j). */
async function mapShows(page, id, d, i, j, how) {
  const ny = d.y.length, z = d.z[i * ny + j];
  const r = (await readout(page, id));
  check(r.length === 4 && printedIs(r[0], d.x[i]) && printedIs(r[1], d.y[j]) &&
        printedIs(r[2], z) && printedIs(r[3], z * d.bits),
        `${id} ${how}: readout ${JSON.stringify(r)} is not (${d.x[i]}, ${d.y[j]}, ${z}, ${z * d.bits})`);
  const cx = await drawn(page, `#${id} .cut-x`), cy = await drawn(page, `#${id} .cut-y`);
  const row = d.x.map((_, a) => d.z[a * ny + j]), col = d.y.map((_, b) => d.z[i * ny + b]);
  const close = (c, xs, zs) => c.pts.length === xs.length && c.pts.every(([x, y], k) =>
    Math.abs(x - xs[k]) <= 0.02 * c.ux && Math.abs(y - zs[k]) <= 0.02 * c.uy);
  check(close(cx, d.x, row), `${id} ${how}: the cut along x is not the grid's row at y = ${d.y[j]}`);
  check(close(cy, d.y, col), `${id} ${how}: the cut along y is not the grid's column at x = ${d.x[i]}`);
  const mx = (await drawn(page, `#${id} .cut-x ~ .marker`)).pts[0];
  check(Math.abs(mx[0] - d.x[i]) <= 0.02 * cx.ux && Math.abs(mx[1] - z) <= 0.02 * cx.uy,
        `${id} ${how}: the marker on the cut along x is at ${mx}, not (${d.x[i]}, ${z})`);
  const q = await drawn(page, `#${id} .curve-q`);
  // q's peak: where the drawn curve is highest (the middle of the run of
  // points there, which is long where the panel clips it)
  const high = Math.max(...q.pts.map((p) => p[1]));
  const run = q.pts.filter((p) => p[1] >= high - 0.02 * q.uy);
  const top = [(run[0][0] + run[run.length - 1][0]) / 2, high];
  const peak = d.shape[Math.round(-d.shape_lo / d.shape_step)] / d.scale[j];
  const step = (d.curve_hi - d.curve_lo) / (q.pts.length - 1);
  const clipped = run.length > 3;
  check(Math.abs(top[0] - d.loc[i]) <= step * 0.51 + 0.02 * q.ux &&
        (clipped || Math.abs(top[1] - peak) <= 0.02 * peak + 0.02 * q.uy),
        `${id} ${how}: q peaks at ${top}, not at (${d.loc[i]}, ${peak})`);
}

async function testMap(page, id, vals) {
  const d = explorerData(id), names = MAP_VALUES[id];
  let i = nearest(d.x, d.probe_x), j = nearest(d.y, d.probe_y);
  await scrollTo(page, id);
  if (names) {
    const r = (await readout(page, id));
    const want = [names[0] ? vals[names[0]] : String(d.probe_x),
                  names[1] ? vals[names[1]] : String(d.probe_y), vals[names[2]], vals[names[3]]];
    check(r.length === 4 && r.every((s, k) => agree(s, want[k])),
          `${id}: readout at the probe ${JSON.stringify(r)} is not the chapter's ${JSON.stringify(want)}`);
  }
  await mapShows(page, id, d, i, j, 'at the start');
  const nx = d.x.length, ny = d.y.length;
  for (const [a, b] of [[0, 0], [nx - 1, ny - 1], [Math.floor(nx / 3), Math.floor(2 * ny / 3)]]) {
    await mouse(page, 'mouseMoved', await pixel(page, `#${id} .map`, d.x[a], d.y[b]), 0);
    await mapShows(page, id, d, a, b, `mouse at (${d.x[a]}, ${d.y[b]})`);
  }
  const t = [Math.floor(nx / 4), Math.floor(ny / 5)];
  await touch(page, await pixel(page, `#${id} .map`, d.x[t[0]], d.y[t[1]]));
  await mapShows(page, id, d, t[0], t[1], `touch at (${d.x[t[0]]}, ${d.y[t[1]]})`);
  await page.eval(`document.querySelector('#${id} .map').focus()`);
  [i, j] = t;
  for (const [k, shift, di, dj] of [['ArrowRight', 0, 1, 0], ['ArrowUp', 0, 0, 1],
    ['ArrowUp', 1, 0, 10], ['ArrowLeft', 1, -10, 0], ['ArrowDown', 0, 0, -1]]) {
    await key(page, k, shift);
    i = Math.max(0, Math.min(nx - 1, i + di));
    j = Math.max(0, Math.min(ny - 1, j + dj));
    await mapShows(page, id, d, i, j, `key ${shift ? 'Shift+' : ''}${k}`);
  }
}

/* ---- kind "curve" ------------------------------------------------------- */

const CURVE_VALUES = { 'x01-bernoulli': ['bern_probe_h', 'bern_probe_i1', 'bern_probe_i0'] };

async function curveShows(page, id, d, i, how) {
  const r = (await readout(page, id));
  const want = [d.x[i]];
  for (let s = 0; s < d.nseries; s++) want.push(d['y' + s][i]);
  check(r.length === want.length && r.every((s, k) => printedIs(s, want[k])),
        `${id} ${how}: readout ${JSON.stringify(r)} is not ${JSON.stringify(want)}`);
  for (let s = 0; s < d.nseries; s++) {
    const m = await drawn(page, `#${id} .series-${s} ~ .marker`);
    const v = d['y' + s][i];
    if (v <= d.ymax)
      check(Math.abs(m.pts[0][0] - d.x[i]) <= 0.02 * m.ux && Math.abs(m.pts[0][1] - v) <= 0.02 * m.uy,
            `${id} ${how}: the marker of series ${s} is at ${m.pts[0]}, not (${d.x[i]}, ${v})`);
  }
}

async function testCurve(page, id, vals) {
  const d = explorerData(id), names = CURVE_VALUES[id];
  let i = nearest(d.x, d.probe_x);
  await scrollTo(page, id);
  if (names) {
    const r = (await readout(page, id));
    const want = [String(d.probe_x)].concat(names.map((n) => vals[n]));
    check(r.length === want.length && r.every((s, k) => agree(s, want[k])),
          `${id}: readout at the probe ${JSON.stringify(r)} is not the chapter's ${JSON.stringify(want)}`);
  }
  await curveShows(page, id, d, i, 'at the start');
  await page.eval(`document.querySelector('#${id} input[type=range]').focus()`);
  await key(page, 'ArrowRight');
  await key(page, 'ArrowRight');
  await curveShows(page, id, d, i + 2, 'key ArrowRight twice');
  const half = Math.floor(d.x.length / 2);
  const p = await pixel(page, `#${id} .panel`, d.x[half], d.ymax / 2);
  await mouse(page, 'mousePressed', p, 1);
  await mouse(page, 'mouseReleased', p, 1);
  await curveShows(page, id, d, half, `mouse press at x = ${d.x[half]}`);
  const p2 = await pixel(page, `#${id} .panel`, d.x[3], d.ymax / 2);
  await touch(page, p2);
  await curveShows(page, id, d, 3, `touch at x = ${d.x[3]}`);
}

/* ---- kind "bars" -------------------------------------------------------- */

const BARS_VALUES = { 'x02-bars': ['w_hp', 'w_hpq', 'w_dpq', 'w_dqp'] };

/* The measures by the `kl` calculator, the C library, in bits. */
function library(p, q) {
  const run = (...a) => {
    const out = execFileSync(KL, a.concat(['--base', '2'])).toString().trim();
    return out === 'inf' ? Infinity : Number(out);
  };
  const P = p.map((v) => v.toPrecision(17)).join(','), Q = q.map((v) => v.toPrecision(17)).join(',');
  return [run('entropy', P), run('cross', P, Q), run('div', P, Q), run('div', Q, P)];
}

async function barsState(page, id) {
  return page.eval(`(() => {
    const get = (w) => [...document.querySelectorAll('#${id} .bar-' + w)]
      .map((r) => Number(r.getAttribute('aria-valuenow')));
    return {p: get('p'), q: get('q')};
  })()`);
}

async function barsAgree(page, id, how) {
  const s = await barsState(page, id), want = library(s.p, s.q);
  const r = (await readout(page, id));
  check(r.length === 4 && r.every((t, k) => printedIs(t, want[k])),
        `${id} ${how}: readout ${JSON.stringify(r)} is not the library's ${want} for P = ${s.p}, Q = ${s.q}`);
  const sum = (v) => v.reduce((a, b) => a + b, 0);
  check(Math.abs(sum(s.p) - 1) <= 1e-9 && Math.abs(sum(s.q) - 1) <= 1e-9,
        `${id} ${how}: P or Q does not sum to 1 (${s.p}; ${s.q})`);
  return s;
}

function relEqual(a, b) {
  if (!isFinite(b) || b === 0) return a === b;
  return Math.abs(a - b) <= 1e-12 * Math.abs(b);
}

/* The page's own formulas against the library's table, to 1e-12. */
async function barsFormulas(page, id) {
  const file = path.join(chapterDir(id), 'bars-check.tsv');
  const rows = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && l[0] !== '#')
    .map((l) => l.split('\t').map((t) => (t === 'inf' ? Infinity : Number(t))));
  const enc = JSON.stringify(rows.map((r) => r.slice(0, 8)));
  const got = await page.eval(`${enc}.map((r) => {
    const p = r.slice(0, 4), q = r.slice(4, 8), m = KLX.discrete;
    return [m.entropy(p), m.cross(p, q), m.divergence(p, q), m.divergence(q, p)]
      .concat(m.terms(p, q), m.terms(q, p)).map(String);
  })`);
  let bad = 0, zeros = 0, infs = 0;
  rows.forEach((r, k) => got[k].map(Number).forEach((v, c) => {
    const want = r[8 + c];
    zeros += want === 0;
    infs += want === Infinity;
    if (!relEqual(v, want) && bad++ < 5)
      console.log(`  FAIL     ${id}: row ${k + 1} column ${c + 9} of ${file}: page ${v}, library ${want}`);
  }));
  check(bad === 0, `${id}: the page's measures differ from the library in ${bad} cells`);
  check(rows.length >= 10 && zeros > 0 && infs > 0,
        `${id}: ${file} needs rows with zeros and infinities (${rows.length} rows)`);
}

async function testBars(page, id, vals) {
  const names = BARS_VALUES[id];
  await scrollTo(page, id);
  if (names) {
    const r = (await readout(page, id));
    check(r.length === 4 && r.every((s, k) => agree(s, vals[names[k]])),
          `${id}: readout ${JSON.stringify(r)} is not the chapter's ${names.map((n) => vals[n])}`);
  }
  await barsAgree(page, id, 'at the start');
  await barsFormulas(page, id);
  // drag Q's first bar down to zero: D(P||Q) becomes infinite
  const bar = `#${id} .bar-q[data-k="0"]`;
  const at = await page.eval(`(() => { const r = document.querySelector('${bar}').getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + 2}; })()`);
  const zero = await pixel(page, `#${id} .panel`, 0, -0.05);
  await mouse(page, 'mousePressed', at, 1);
  await mouse(page, 'mouseMoved', { x: at.x, y: (at.y + zero.y) / 2 }, 1);
  await mouse(page, 'mouseMoved', { x: at.x, y: zero.y }, 1);
  await mouse(page, 'mouseReleased', { x: at.x, y: zero.y }, 1);
  const s = await barsAgree(page, id, 'after dragging Q\'s first bar to 0');
  check(s.q[0] === 0 && (await readout(page, id))[2] === '∞',
        `${id}: dragging Q's first bar to the bottom gives q = ${s.q[0]} and D(P‖Q) not ∞`);
  // keys on P's third bar
  await page.eval(`document.querySelector('#${id} .bar-p[data-k="2"]').focus()`);
  const before = (await barsState(page, id)).p[2];
  for (let k = 0; k < 3; k++) await key(page, 'ArrowUp');
  const after = await barsAgree(page, id, 'after ArrowUp three times on P\'s third bar');
  check(Math.abs(after.p[2] - (Math.round(before / 0.01) + 3) * 0.01) < 1e-9 ||
        Math.abs(after.p[2] - (Math.round(before / 0.01 + 0.5) + 2) * 0.01) < 1e-9,
        `${id}: three ArrowUp steps took P's third bar from ${before} to ${after.p[2]}`);
}

/* ---- kind "fit" ---------------------------------------------------------- */

const FIT_VALUES = { 'x05-fit': ['fwd_mu', 'fwd_sigma', 'fwd_min', 'rev_mu', 'rev_sigma', 'rev_min'] };

async function fitShows(page, id, d, k, j, how) {
  const at = k * d.w.length + j, f = d.fits.slice(6 * at, 6 * at + 6), nx = d.x.length;
  const r = await readout(page, id);
  const want = [d.sep[k], d.w[j]].concat(d.fitted[at] ? f : []);
  check(r.length === want.length && r.every((s, c) => printedIs(s, want[c])),
        `${id} ${how}: readout ${JSON.stringify(r)} is not ${JSON.stringify(want)}`);
  const m = await drawn(page, `#${id} .curve-mix`), curve = d.curve.slice(nx * at, nx * at + nx);
  check(m.pts.length === nx && m.pts.every(([x, y], c) =>
    Math.abs(x - d.x[c]) <= 0.02 * m.ux && Math.abs(y - curve[c]) <= 0.02 * m.uy),
        `${id} ${how}: the mixture drawn is not the program's`);
  for (const [cls, mu, sd] of [['fwd', f[0], f[1]], ['rev', f[3], f[4]]]) {
    if (!d.fitted[at]) {
      check(await page.eval(`document.querySelector('#${id} .curve-${cls}').getAttribute('d')`) === '',
            `${id} ${how}: a ${cls} fit is drawn where the program has none`);
      continue;
    }
    const q = await drawn(page, `#${id} .curve-${cls}`);
    const high = Math.max(...q.pts.map((p) => p[1]));
    const run = q.pts.filter((p) => p[1] >= high - 0.02 * q.uy);
    const top = (run[0][0] + run[run.length - 1][0]) / 2;
    const peak = d.shape[Math.round(-d.shape_lo / d.shape_step)] / sd;
    const step = d.x[1] - d.x[0];
    check(Math.abs(top - mu) <= step * 0.51 + 0.02 * q.ux &&
          Math.abs(high - peak) <= 0.03 * peak + 0.02 * q.uy,
          `${id} ${how}: the ${cls} fit peaks at (${top}, ${high}), not (${mu}, ${peak})`);
  }
}

async function testFit(page, id, vals) {
  const d = explorerData(id), names = FIT_VALUES[id];
  let k = nearest(d.sep, d.probe_sep), j = nearest(d.w, d.probe_w);
  await scrollTo(page, id);
  check(d.fitted[k * d.w.length + j] === 1, `${id}: the chapter's own mixture is not fitted`);
  if (names) {
    const r = (await readout(page, id)).slice(2);
    check(r.length === 6 && r.every((s, c) => agree(s, vals[names[c]])),
          `${id}: readout at the chapter's mixture ${JSON.stringify(r)} is not the chapter's ${names.map((n) => vals[n])}`);
  }
  await fitShows(page, id, d, k, j, 'at the start');
  const sliders = `#${id} input[type=range]`;
  await page.eval(`document.querySelectorAll('${sliders}')[0].focus()`);
  await key(page, 'ArrowLeft');
  await key(page, 'ArrowLeft');
  k = Math.max(0, k - 2);
  await fitShows(page, id, d, k, j, 'separation ArrowLeft twice');
  await page.eval(`document.querySelectorAll('${sliders}')[1].focus()`);
  await key(page, 'ArrowRight');
  j = Math.min(d.w.length - 1, j + 1);
  await fitShows(page, id, d, k, j, 'weight ArrowRight');
}

/* ---- pages ---------------------------------------------------------------- */

const KIND_TESTS = { map: testMap, curve: testCurve, bars: testBars, fit: testFit };

async function pageChecks(page, url, name) {
  const selfUrl = url;
  const foreign = page.requests.filter((u) => u !== selfUrl && !u.startsWith('data:'));
  check(foreign.length === 0, `${name}: fetched ${foreign.slice(0, 3).join(', ')}`);
  const info = await page.eval(`(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const dup = ids.filter((v, k) => ids.indexOf(v) !== k);
    const all = [...document.querySelectorAll('script')]
      .filter((s) => !s.type || /javascript/.test(s.type));
    const bytes = all.reduce((a, s) => a + new TextEncoder().encode(s.textContent).length, 0);
    const scripts = all.filter((s) => s.id !== 'kl-theme');   // the theme's, in <head>
    const ex = [...document.querySelectorAll('div.explorer')].map((e) => ({
      id: e.id, ready: e.getAttribute('data-ready') === '1', shown: e.offsetHeight > 0,
      built: !!e.querySelector('svg'),
      wide: e.scrollWidth <= e.clientWidth + 1}));
    return {dup, bytes, scripts: scripts.length, ex, width: document.documentElement.scrollWidth};
  })()`);
  check(info.dup.length === 0, `${name}: duplicate ids ${info.dup.slice(0, 5).join(', ')}`);
  check(info.bytes <= SCRIPT_LIMIT, `${name}: ${info.bytes} bytes of script (at most ${SCRIPT_LIMIT})`);
  check(info.scripts <= 1, `${name}: ${info.scripts} explorer scripts (one copy a page)`);
  for (const e of info.ex) {
    check(e.ready && e.shown && e.built, `${name}: explorer ${e.id} was not built`);
    check(e.wide, `${name}: explorer ${e.id} is wider than its box at ${page.width} px`);
  }
  return info;
}

/* In print the explorers are hidden and the figure before each is shown. */
async function printChecks(page, name) {
  await page.send('Emulation.setEmulatedMedia', { media: 'print' });
  const r = await page.eval(`[...document.querySelectorAll('div.explorer')].map((e) => {
    let f = e.previousElementSibling;
    while (f && f.tagName !== 'FIGURE') f = f.previousElementSibling;
    return [e.id, getComputedStyle(e).display, f ? f.offsetHeight : 0];
  })`);
  await page.send('Emulation.setEmulatedMedia', { media: '' });
  for (const [id, display, fig] of r)
    check(display === 'none' && fig > 50,
          `${name}: in print ${id} is ${display} and its figure ${fig} px tall`);
}

async function testPage(browser, file, width, drive) {
  const page = await browser.page(width);
  const url = 'file://' + path.resolve(file);
  const name = `${path.relative(OUT, file)} at ${width} px`;
  current = name;
  await page.open(url);
  const info = await pageChecks(page, url, name);
  await printChecks(page, name);
  if (drive) {
    const vals = {};
    for (const e of info.ex) {
      const d = explorerData(e.id);
      Object.assign(vals, values(chapterDir(e.id)));
      if (check(KIND_TESTS[d.kind], `${name}: ${e.id} has an unknown kind ${d.kind}`))
        await KIND_TESTS[d.kind](page, e.id, vals);
    }
    for (const id of Object.keys(Object.assign({}, MAP_VALUES, CURVE_VALUES, BARS_VALUES, FIT_VALUES)))
      check(info.ex.some((e) => e.id === id), `${name}: explorer ${id} is missing`);
  }
  check(page.errors.length === 0, `${name}: script errors: ${page.errors.join('; ')}`);
  await page.send('Page.close').catch(() => {});
  return info.ex.length;
}

/* Without script the explorers stay hidden: only the static figures show. */
async function testNoScript(browser, file) {
  const page = await browser.page(1200);
  await page.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.open('file://' + path.resolve(file));
  const r = await page.eval(`[...document.querySelectorAll('div.explorer')].map((e) =>
    [e.id, e.offsetHeight, e.previousElementSibling ? e.previousElementSibling.offsetHeight : 0])`)
    .catch(() => null);
  // with scripts disabled, Runtime.evaluate still runs (it is not page script)
  check(r && r.length > 0 && r.every(([, h, f]) => h === 0 && f > 50),
        `${path.relative(OUT, file)} without script: explorers ${JSON.stringify(r)}`);
}

(async () => {
  const t0 = Date.now();
  const browser = await launch();
  let n = 0;
  try {
    const report = path.join(OUT, 'report.html');
    n += await testPage(browser, report, 1200, true);
    await testPage(browser, report, 400, true);
    await testNoScript(browser, report);
    for (const d of fs.readdirSync(OUT).filter((f) => /^\d\d-/.test(f)).sort()) {
      const file = path.join(OUT, d, 'chapter.html');
      if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('<div class="explorer"'))
        await testPage(browser, file, 1200, false);
    }
  } finally {
    await browser.close();
  }
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`  BROWSER  ${n} explorers, ${checks} checks, ${failures} failed (${s} s)`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.log(`  FAIL     ${e.stack || e}`);
  process.exit(1);
});
