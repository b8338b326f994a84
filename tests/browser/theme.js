/* theme.js — the colour theme of the built pages, in headless Chromium
 * (tests/browser/cdp.js, node built-ins only):
 *
 *   node tests/browser/theme.js OUT-DIR
 *
 * With the system preferring dark (Emulation.setEmulatedMedia), the report
 * opens dark: the page, a figure's background, tic labels, axis labels and
 * border, a listing's highlighting, a claims table, links and an explorer's
 * text have dark grounds and light ink, and every text colour checked
 * reaches a contrast ratio of 4.5 against its ground (3 for lines and marks).
 * The toggle at the top right is pressed with real mouse and key events:
 * auto → light → dark → auto, each changing <html data-theme> and the
 * computed colours; the choice survives a reload (localStorage) against
 * the system's preference; in auto the page follows the system as it
 * changes; print is light whatever the choice; where localStorage throws
 * the page still works; without script the page follows the system alone.
 * The toggle covers no text at 1200 and 400 px.
 * A chapter page with figures and an explorer (chapter 5) is checked in
 * both themes too.  Prints one line a failure and exits 1 if there is any. */
'use strict';
const fs = require('fs');
const path = require('path');
const { launch } = require('./cdp.js');

const [OUT] = process.argv.slice(2);
if (!OUT) {
  console.error('usage: node tests/browser/theme.js OUT-DIR');
  process.exit(2);
}
let failures = 0, checks = 0, current = '';
function check(ok, what) {
  checks++;
  if (!ok) {
    failures++;
    console.log(`  FAIL     ${current}: ${what}`);
  }
  return ok;
}

/* ---- colours ------------------------------------------------------------ */

/* [r, g, b, alpha] of a computed colour "rgb(...)" / "rgba(...)". */
function rgba(s) {
  const m = String(s).match(/rgba?\(([^)]*)\)/);
  if (!m) return null;
  const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
}
/* WCAG 2 relative luminance. */
function luminance(c) {
  const lin = (u) => { u /= 255; return u <= 0.04045 ? u / 12.92 : Math.pow((u + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}
function contrast(a, b) {
  const x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/* In the page: the colours of the elements that matter, as computed.  Each
 * entry is [name, ink, ground, minimum ratio]; ground is the first opaque
 * background behind the element (for SVG, the figure's own background). */
const PROBE = `(() => {
  const cs = (e) => getComputedStyle(e);
  const ground = (e) => {
    for (let a = e; a; a = a.parentElement) {
      if (a instanceof SVGElement && a.closest('svg.figure-svg')) {
        const bg = a.closest('svg.figure-svg').querySelector(':scope > g > rect:first-child');
        if (bg) return cs(bg).fill;
      }
      if (!(a instanceof SVGElement)) {
        const b = cs(a).backgroundColor;
        if (!/rgba\\(.*, 0\\)$/.test(b) && b !== 'transparent') return b;
      }
    }
    return cs(document.documentElement).backgroundColor;
  };
  const out = [];
  const add = (name, e, prop, min) => {
    if (!e) { out.push([name, null, null, min]); return; }
    out.push([name, cs(e)[prop], ground(e), min]);
  };
  const q = (s) => document.querySelector(s);
  add('body text', q('main p, body > p, section p, p'), 'color', 4.5);
  add('a heading', q('h1:not(.title)'), 'color', 4.5);
  add('a link', q('#TOC a'), 'color', 4.5);
  add('a caption', q('figcaption'), 'color', 4.5);
  const fig = q('svg.figure-svg');
  add('a figure\\'s tic label', fig && fig.querySelector('text[fill="#333333"], g[fill="#333333"] text'), 'fill', 4.5);
  add('a figure\\'s axis label', fig && fig.querySelector('text[fill="black"], g[fill="black"] text'), 'fill', 4.5);
  add('a figure\\'s border', fig && fig.querySelector('path[stroke="#555555"]'), 'stroke', 3);
  add('a figure\\'s blue line', q('svg.figure-svg path[stroke="#0072b2"]'), 'stroke', 3);
  add('a figure\\'s black line (line type 7)', q('svg.figure-svg path[stroke="#000000"]'), 'stroke', 3);
  add('a claims table cell', q('.claims td'), 'color', 4.5);
  add('a claims table tick', q('.claims .pass'), 'color', 4.5);
  add('a folded listing\\'s summary', q('details > summary'), 'color', 4.5);
  add('MathML', q('p math'), 'color', 4.5);
  add('a quotation', q('blockquote p'), 'color', 4.5);
  add('a "Try it" command', q('.try pre code'), 'color', 4.5);
  const tryit = q('.try');
  out.push(['a "Try it" title', tryit ? getComputedStyle(tryit, '::before').color : null,
            tryit ? ground(tryit) : null, 4.5]);
  add('a listing', q('pre code'), 'color', 4.5);
  for (const k of [...new Set([...document.querySelectorAll('pre code span[class]')]
                   .map((s) => s.className).filter((c) => /^[a-z][a-z]$/.test(c)))].sort())
    add('a listing\\'s "' + k + '" span', q('pre code span.' + k), 'color', 4.5);
  const ex = q('.explorer-svg');
  if (ex) {
    add('an explorer\\'s tick label', ex.querySelector('text'), 'fill', 4.5);
    add('an explorer\\'s readout', q('.explorer-readout'), 'color', 4.5);
    add('an explorer\\'s axis', ex.querySelector('.axis line, .frame'), 'stroke', 3);
    add('an explorer\\'s curve', ex.querySelector('.curve, .cut, .bar'), ex.querySelector('.bar') ? 'fill' : 'stroke', 3);
  }
  return {theme: document.documentElement.getAttribute('data-theme'),
          choice: document.documentElement.getAttribute('data-theme-choice'),
          page: cs(document.body).backgroundColor, ink: cs(document.body).color,
          figBg: fig ? cs(fig.querySelector(':scope > g > rect:first-child')).fill : null,
          figText: fig ? cs(fig.querySelector('text[fill="#333333"], g[fill="#333333"] text')).fill : null,
          probes: out};
})()`;

/* The page's colours are THEME's ("light" or "dark"), every probe readable
 * (after at most a second: a change of the system's preference reaches the
 * page as an event). */
async function colours(page, theme, how) {
  await page.eval(`new Promise((done) => { const t0 = Date.now(); (function wait() {
    if (document.documentElement.getAttribute('data-theme') === ${JSON.stringify(theme)} ||
        Date.now() - t0 > 1000) done(); else setTimeout(wait, 20); })(); })`);
  const r = await page.eval(PROBE);
  const dark = theme === 'dark';
  const lum = (s) => { const c = rgba(s); return c ? luminance(c) : NaN; };
  check(r.theme === theme, `${how}: data-theme is ${r.theme}, not ${theme}`);
  check(dark ? lum(r.page) < 0.03 : lum(r.page) > 0.9,
        `${how}: the page's background ${r.page} is not ${theme}`);
  check(dark ? lum(r.ink) > 0.6 : lum(r.ink) < 0.05,
        `${how}: the text colour ${r.ink} is not ${dark ? 'light' : 'dark'}`);
  if (r.figBg !== null) {
    check(dark ? lum(r.figBg) < 0.03 : lum(r.figBg) > 0.9,
          `${how}: a figure's background ${r.figBg} is not ${theme}`);
    check(dark ? lum(r.figText) > 0.5 : lum(r.figText) < 0.05,
          `${how}: a figure's tic labels ${r.figText} are not ${dark ? 'light' : 'dark'}`);
  }
  for (const [name, ink, bg, min] of r.probes) {
    if (!check(ink !== null, `${how}: no ${name} found to check`)) continue;
    const a = rgba(ink), b = rgba(bg);
    const ratio = a && b ? contrast(a, b) : 0;
    check(ratio >= min, `${how}: ${name}: ${ink} on ${bg}, contrast ${ratio.toFixed(2)} (at least ${min})`);
  }
  return r;
}

/* ---- the toggle ------------------------------------------------------------ */

async function toggleInfo(page) {
  return page.eval(`(() => {
    const b = document.querySelector('button.theme-toggle');
    if (!b) return null;
    const r = b.getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height,
            top: r.top + scrollY, label: b.getAttribute('aria-label'), text: b.textContent};
  })()`);
}
/* The toggle's name as the accessibility tree computes it. */
async function accessibleName(page) {
  const { root } = await page.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await page.send('DOM.querySelector', { nodeId: root.nodeId,
    selector: 'button.theme-toggle' });
  const { nodes } = await page.send('Accessibility.getPartialAXTree', { nodeId,
    fetchRelatives: false });
  const n = nodes.find((x) => !x.ignored) || {};
  return { role: n.role && n.role.value, name: n.name && n.name.value };
}
async function click(page) {
  await page.eval('window.scrollTo(0, 0)');
  const t = await toggleInfo(page);
  if (!check(t !== null, 'there is no toggle to press')) return;
  for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'])
    await page.send('Input.dispatchMouseEvent', { type, x: t.x, y: t.y, button: 'left',
      buttons: type === 'mousePressed' ? 1 : 0, clickCount: 1 });
}
async function press(page, key) {
  await page.eval(`document.querySelector('button.theme-toggle').focus()`);
  const k = key === 'Enter' ? { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }
    : { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' };
  await page.send('Input.dispatchKeyEvent', Object.assign({ type: 'keyDown' }, k));
  await page.send('Input.dispatchKeyEvent', Object.assign({ type: 'keyUp' }, k));
}
async function prefer(page, scheme, media = '') {
  await page.send('Emulation.setEmulatedMedia', { media,
    features: [{ name: 'prefers-color-scheme', value: scheme }] });
}
async function reload(page) {
  const loaded = page.next('Page.loadEventFired');
  await page.send('Page.reload', {});
  await loaded;
}

/* The toggle is in the viewport, 24 px at least, and covers no text, image
 * or figure (the elements it overlaps are searched from the body down). */
async function placement(page, how) {
  const r = await page.eval(`(() => {
    scrollTo(0, 0);
    const b = document.querySelector('button.theme-toggle'), B = b.getBoundingClientRect();
    const meets = (r) => r.width > 0 && r.height > 0 && r.left < B.right && r.right > B.left &&
      r.top < B.bottom && r.bottom > B.top;
    const hits = [];
    const visit = (el) => {
      for (const n of el.childNodes) {
        if (n === b) continue;
        if (n.nodeType === 3 && n.textContent.trim()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          if ([...range.getClientRects()].some(meets)) hits.push('text "' + n.textContent.trim().slice(0, 30) + '"');
        } else if (n.nodeType === 1 && meets(n.getBoundingClientRect())) {
          if (/^(svg|img|math|input|table|pre|button)$/i.test(n.tagName)) hits.push(n.tagName + (n.id ? '#' + n.id : ''));
          else visit(n);
        }
      }
    };
    visit(document.body);
    return {hits, x: B.left, y: B.top, right: innerWidth - B.right, w: B.width, h: B.height};
  })()`);
  check(r.hits.length === 0, `${how}: the toggle covers ${r.hits.slice(0, 4).join(', ')}`);
  check(r.x >= 0 && r.right >= 0 && r.y >= 0 && r.right < 40 && r.y < 40,
        `${how}: the toggle is not at the top right (left ${r.x}, top ${r.y}, right margin ${r.right})`);
  check(r.w >= 24 && r.h >= 24, `${how}: the toggle is ${r.w} × ${r.h} px (at least 24 × 24)`);
}

/* ---- the pages ------------------------------------------------------------- */

async function testReport(browser, file) {
  const url = 'file://' + path.resolve(file);
  const page = await browser.page(1200);
  current = `${path.relative(OUT, file)} at 1200 px`;
  await page.send('Accessibility.enable').catch(() => {});
  await prefer(page, 'dark');
  await page.open(url);
  let r = await colours(page, 'dark', 'the system prefers dark');
  check(r.choice === 'auto', `the first visit's choice is ${r.choice}, not auto`);
  let t = await toggleInfo(page);
  if (!check(t !== null, 'there is no button.theme-toggle')) return;
  const ax = await accessibleName(page);
  check(ax.role === 'button' && /theme/i.test(ax.name || '') && /auto/i.test(ax.name || '') &&
        (ax.name || '').includes(t.text.replace(/^\W+/, '')),
        `the toggle's role and name are ${ax.role} "${ax.name}" (a button naming the theme and its choice, with its visible text "${t.text}")`);
  await placement(page, 'dark');

  await click(page);
  r = await colours(page, 'light', 'after a click (auto → light)');
  check(r.choice === 'light', `after a click the choice is ${r.choice}, not light`);
  check(/light/i.test((await accessibleName(page)).name || ''), 'after a click the toggle\'s name does not say light');
  await click(page);
  r = await colours(page, 'dark', 'after a second click (light → dark)');
  check(r.choice === 'dark', `after a second click the choice is ${r.choice}, not dark`);

  // remembered across a reload, against the system's preference
  await prefer(page, 'light');
  await reload(page);
  r = await colours(page, 'dark', 'reloaded after choosing dark, the system preferring light');
  check(r.choice === 'dark', `reloaded, the choice is ${r.choice}, not dark`);
  // print is light whatever the choice
  await prefer(page, 'light', 'print');
  const printed = await page.eval(`[getComputedStyle(document.body).backgroundColor,
    getComputedStyle(document.body).color,
    getComputedStyle(document.querySelector('svg.figure-svg text[fill="#333333"], svg.figure-svg g[fill="#333333"] text')).fill,
    getComputedStyle(document.querySelector('button.theme-toggle')).display]`);
  await prefer(page, 'light');
  check(luminance(rgba(printed[0])) > 0.9 && luminance(rgba(printed[1])) < 0.05 &&
        luminance(rgba(printed[2])) < 0.05 && printed[3] === 'none',
        `in print with dark chosen: page ${printed[0]}, text ${printed[1]}, tic labels ${printed[2]}, toggle ${printed[3]}`);

  // the keyboard: dark → auto (the system prefers light) ...
  await press(page, 'Enter');
  r = await colours(page, 'light', 'Enter on the toggle (dark → auto), the system preferring light');
  check(r.choice === 'auto', `after Enter the choice is ${r.choice}, not auto`);
  // ... and auto follows the system as it changes
  await prefer(page, 'dark');
  await colours(page, 'dark', 'in auto, the system turning dark');
  await reload(page);
  r = await colours(page, 'dark', 'reloaded in auto, the system preferring dark');
  check(r.choice === 'auto', `reloaded after auto, the choice is ${r.choice}, not auto`);
  await press(page, ' ');
  await colours(page, 'light', 'Space on the toggle (auto → light)');
  await click(page);
  await click(page);                          // back to auto for the next pages
  check(page.errors.length === 0, `script errors: ${page.errors.join('; ')}`);
  await page.send('Page.close').catch(() => {});

  const narrow = await browser.page(400);
  current = `${path.relative(OUT, file)} at 400 px`;
  await prefer(narrow, 'dark');
  await narrow.open(url);
  await colours(narrow, 'dark', 'the system prefers dark');
  await placement(narrow, 'dark');
  check(narrow.errors.length === 0, `script errors: ${narrow.errors.join('; ')}`);
  await narrow.send('Page.close').catch(() => {});
}

/* Where the browser refuses storage, the page starts in auto and toggles. */
async function testNoStorage(browser, file) {
  const page = await browser.page(1200);
  current = `${path.relative(OUT, file)} without localStorage`;
  await page.send('Page.addScriptToEvaluateOnNewDocument', { source:
    `Object.defineProperty(window, 'localStorage', { configurable: true,
       get() { throw new DOMException('storage is disabled', 'SecurityError'); } });` });
  await prefer(page, 'dark');
  await page.open('file://' + path.resolve(file));
  const refused = await page.eval(`(() => { try { localStorage; return false; } catch (e) { return true; } })()`);
  check(refused, 'the page could still reach localStorage (the test is void)');
  await colours(page, 'dark', 'the system prefers dark');
  await click(page);
  await colours(page, 'light', 'after a click');
  check(page.errors.length === 0, `script errors: ${page.errors.join('; ')}`);
  await page.send('Page.close').catch(() => {});
}

/* Without script there is no data-theme and no toggle, and the style sheet
 * follows the system by itself. */
async function testNoScript(browser, file) {
  const page = await browser.page(1200);
  current = `${path.relative(OUT, file)} without script`;
  await page.send('Emulation.setScriptExecutionDisabled', { value: true });
  for (const scheme of ['dark', 'light']) {
    await prefer(page, scheme);
    await page.open('file://' + path.resolve(file));
    const r = await page.eval(`[document.documentElement.getAttribute('data-theme'),
      !!document.querySelector('.theme-toggle'), getComputedStyle(document.body).backgroundColor,
      getComputedStyle(document.querySelector('svg.figure-svg text[fill="#333333"], svg.figure-svg g[fill="#333333"] text')).fill]`);
    const dark = scheme === 'dark', bg = luminance(rgba(r[2])), tic = luminance(rgba(r[3]));
    check(r[0] === null && !r[1] && (dark ? bg < 0.03 && tic > 0.5 : bg > 0.9 && tic < 0.05),
          `the system preferring ${scheme}: data-theme ${r[0]}, toggle ${r[1]}, page ${r[2]}, tic labels ${r[3]}`);
  }
  await page.send('Page.close').catch(() => {});
}

/* A chapter page (figures, a listing, an explorer, claims) in both themes. */
async function testChapter(browser, file) {
  for (const [width, scheme] of [[1200, 'dark'], [1200, 'light'], [400, 'dark']]) {
    const page = await browser.page(width);
    current = `${path.relative(OUT, file)} at ${width} px, the system preferring ${scheme}`;
    await prefer(page, scheme);
    await page.open('file://' + path.resolve(file));
    const built = await page.eval(`document.querySelectorAll('.explorer-svg').length`);
    check(built > 0, 'no explorer was built');
    await colours(page, scheme, 'on opening');
    await placement(page, scheme);
    check(page.errors.length === 0, `script errors: ${page.errors.join('; ')}`);
    await page.send('Page.close').catch(() => {});
  }
}

(async () => {
  const t0 = Date.now();
  const browser = await launch();
  try {
    const report = path.join(OUT, 'report.html');
    await testReport(browser, report);
    await testNoStorage(browser, report);
    await testNoScript(browser, report);
    const ch5 = fs.readdirSync(OUT).find((d) => d.startsWith('05-'));
    check(ch5 !== undefined, `no chapter 5 in ${OUT}`);
    if (ch5) await testChapter(browser, path.join(OUT, ch5, 'chapter.html'));
  } finally {
    await browser.close();
  }
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`  BROWSER  theme: ${checks} checks, ${failures} failed (${s} s)`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.log(`  FAIL     ${e.stack || e}`);
  process.exit(1);
});
