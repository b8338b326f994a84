/* print.js — the report as a print-ready PDF, through headless Chromium's
 * DevTools protocol (Page.printToPDF; the driver is tests/browser/cdp.js).
 *
 *   node src/book/print.js [--paper a4|letter] [--epoch SECONDS] IN.html OUT.pdf
 *
 * The page is prepared for paper first, laid out at the width of the
 * paper's text column: every <details> opens, each worked solution moves to
 * the end of its chapter (a pointer with its page number stays where it
 * was), display maths wider than the column are reported (setting them
 * smaller made Chromium stall), and anything else that would stick out into
 * the margin by more than half of it stops the print, named.  The page numbers (of the contents and the
 * pointers) come from a first printing: an invisible marker at every
 * target, read back with poppler's pdftotext, page by page; the second
 * printing, with the numbers in place of placeholders of the same width (so
 * nothing moves), is the book.  Chromium writes the time of printing as
 * CreationDate and ModDate: both are replaced, at the same length, by
 * --epoch (seconds since 1970, 0 by default), so that a rebuild gives the
 * same bytes; --pin only re-pins the dates of a printed PDF (the Makefile's
 * SOURCE_DATE_EPOCH).  OUT.pdf is written whole or not at all.  CHROMIUM=
 * names the browser, PDFTOTEXT= poppler's pdftotext. */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { launch } = require('../../tests/browser/cdp.js');

const PAPERS = {                       /* inches, as printToPDF wants them */
  a4: { width: 210 / 25.4, height: 297 / 25.4 },
  letter: { width: 8.5, height: 11 },
};
const MM = 1 / 25.4;
const MARGIN = { top: 18 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM };

/* PRINT_TIMES=1: the seconds each step took, on stderr */
let lastStep = Date.now();
function step(what) {
  const now = Date.now();
  if (process.env.PRINT_TIMES) process.stderr.write(`print.js: ${what}: ${((now - lastStep) / 1000).toFixed(1)} s\n`);
  lastStep = now;
}

function die(msg) {
  process.stderr.write(`print.js: ${msg}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const o = { paper: 'a4', epoch: 0, pin: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--paper' && i + 1 < argv.length) o.paper = argv[++i].toLowerCase();
    else if (a === '--epoch' && i + 1 < argv.length) o.epoch = argv[++i];
    else if (a === '--pin') o.pin = true;
    else if (a.startsWith('--')) die(`unknown option ${a}`);
    else o.files.push(a);
  }
  if (!PAPERS[o.paper]) die(`--paper ${o.paper}: the paper is a4 or letter`);
  if (!/^[0-9]+$/.test(String(o.epoch))) die(`--epoch ${o.epoch}: not a number of seconds`);
  o.epoch = Number(o.epoch);
  if (o.files.length !== 2)
    die('usage: node src/book/print.js [--paper a4|letter] [--epoch SECONDS] IN.html OUT.pdf\n'
      + '       node src/book/print.js --pin --epoch SECONDS IN.pdf OUT.pdf');
  return o;
}

/* Run in the page: open, move and mark; returns the number of targets. */
const PREPARE = `(() => {
  const targets = [];                   /* element ids whose page we need */
  const target = (el) => { targets.push(el.id); return targets.length - 1; };
  const pageSpan = (id) => {
    const s = document.createElement('span');
    s.className = 'print-page';
    s.setAttribute('data-target', id);
    s.textContent = '888';
    return s;
  };
  document.querySelectorAll('details').forEach((d) => { d.open = true; });


  /* worked solutions: to the end of their chapter */
  const kids = Array.from(document.body.children);
  let chapter = null, number = '', exercise = '', heading = '', moved = [], nsol = 0;
  const flush = (before) => {
    if (moved.length === 0) return;
    const box = document.createElement('section');
    box.className = 'print-solutions';
    const h = document.createElement('h2');
    h.id = 'print-solutions-' + (number || 'front');
    h.className = 'unnumbered';
    h.textContent = number ? 'Solutions to the exercises of chapter ' + number : 'Solutions';
    box.appendChild(h);
    moved.forEach((m) => box.appendChild(m));
    document.body.insertBefore(box, before);
    /* and into the contents, last under its chapter */
    const link = chapter && document.querySelector('#TOC a[href="#' + CSS.escape(chapter.id) + '"]');
    if (link) {
      let ul = link.parentNode.querySelector(':scope > ul');
      if (!ul) { ul = document.createElement('ul'); link.parentNode.appendChild(ul); }
      const li = document.createElement('li'), a = document.createElement('a');
      a.href = '#' + h.id;
      a.textContent = 'Solutions to the exercises';
      li.appendChild(a);
      ul.appendChild(li);
    }
    moved = [];
  };
  for (const el of kids) {
    if (el.tagName === 'H1') {
      flush(el);
      chapter = el;
      number = el.getAttribute('data-number') || '';
      exercise = '';
    }
    if (/^H[2-4]$/.test(el.tagName)) heading = el.textContent.replace(/\\s+/g, ' ').trim();
    const strong = el.tagName === 'P' && el.querySelector(':scope > strong:first-child');
    if (strong && /^Exercise\\s/.test(strong.textContent)) exercise = strong.textContent.trim();
    const sols = el.matches('details.solution') ? [el]
      : Array.from(el.querySelectorAll('details.solution'));
    for (const d of sols) {
      const id = 'print-solution-' + (++nsol);
      const ref = document.createElement('p');
      ref.className = 'print-solution-ref';
      ref.id = id + '-ref';
      ref.appendChild(document.createTextNode('Solution at the end of the chapter, page '));
      const box = document.createElement('div');
      box.className = 'print-solution';
      box.id = id;
      const label = document.createElement('p');
      label.className = 'print-solution-label';
      const b = document.createElement('strong');
      b.textContent = (exercise || heading || 'Exercise') + '.';
      label.appendChild(b);
      label.appendChild(document.createTextNode(' From page '));
      box.appendChild(label);
      Array.from(d.childNodes).forEach((n) => {
        if (n.nodeName !== 'SUMMARY') box.appendChild(n);
      });
      d.replaceWith(ref);
      ref.appendChild(pageSpan(box.id));
      label.appendChild(pageSpan(ref.id));
      moved.push(box);
    }
  }
  flush(null);

  /* the contents: title, dotted leader, page */
  document.querySelectorAll('#TOC a').forEach((a) => {
    const text = document.createElement('span');
    text.className = 'toc-text';
    while (a.firstChild) text.appendChild(a.firstChild);
    const leader = document.createElement('span');
    leader.className = 'toc-leader';
    a.appendChild(text);
    a.appendChild(leader);
    a.appendChild(pageSpan(decodeURIComponent(a.getAttribute('href').slice(1))));
  });

  /* a marker at every target of a page number */
  const seen = new Set();
  document.querySelectorAll('.print-page').forEach((s) => {
    const id = s.getAttribute('data-target');
    if (seen.has(id)) return;
    seen.add(id);
    const el = document.getElementById(id);
    if (!el) throw new Error('print: no element #' + id + ' for a page number');
    const k = target(el);
    const m = document.createElement('span');
    m.className = 'print-mark';
    m.textContent = 'qzkmark' + k + 'qz';
    el.insertBefore(m, el.firstChild);
  });
  window.__printTargets = targets;
  return targets.length;
})()`;

/* Run in the page, laid out as on paper: the display maths wider than the
 * text column, as [index, per cent of the type size that fits]. */
const FIT = `(() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const column = document.body.getBoundingClientRect().width, fit = [];
  document.querySelectorAll('math[display="block"]').forEach((m, k) => {
    const w = m.firstElementChild ? m.firstElementChild.getBoundingClientRect().width : 0;
    if (w > column) fit.push([k, Math.floor(column / w * 97)]);
  });
  return fit;
})()`;
const APPLY_FIT = (fit) => `(() => {
  const all = document.querySelectorAll('math[display="block"]');
  ${JSON.stringify(fit)}.forEach(([k, pc]) => { all[k].style.fontSize = pc + '%'; });
})()`;

/* Run in the page, laid out as on paper: what sticks out of the text column
 * by more than SLACK px (the margin is cut at the paper's edge). */
const OVERFLOW = (slack) => `(() => {
  const right = document.body.getBoundingClientRect().right + ${slack}, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= right || el.closest('.explorer, math')) continue;
    let c = el;
    while (c.parentElement && c.parentElement.getBoundingClientRect().right > right) c = c.parentElement;
    const near = c.id || (c.closest('[id]') || {}).id || '';
    out.push(c.tagName.toLowerCase() + (near ? ' near #' + near : '') + ' by '
      + Math.round(r.right - right + ${slack}) + ' px: '
      + JSON.stringify((c.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50)));
  }
  return [...new Set(out)];
})()`;

/* PRINT_TIMEOUT: seconds a printing may take (900 by default) */
async function printPdf(page, paper) {
  const limit = Number(process.env.PRINT_TIMEOUT || 900);
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Chromium did not finish printing in ${limit} s `
      + '(PRINT_TIMEOUT= for more)')), limit * 1000);
  });
  try {
    return await Promise.race([printOnce(page, paper), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function printOnce(page, paper) {
  const r = await page.send('Page.printToPDF', {
    paperWidth: paper.width,
    paperHeight: paper.height,
    marginTop: MARGIN.top,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    marginRight: MARGIN.right,
    printBackground: true,
    transferMode: 'ReturnAsStream',     /* read in pieces: the book is large */
    preferCSSPageSize: false,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: '<div style="box-sizing: border-box; width: 100%; '
      + `padding: 0 ${MARGIN.left / MM}mm 0 ${MARGIN.right / MM}mm; display: flex; `
      + 'justify-content: space-between; font: 8pt \'DejaVu Sans\', sans-serif; '
      + 'color: #57606a;"><span>The KL Workbook</span>'
      + '<span><span class="pageNumber"></span></span></div>',
  });
  const parts = [];
  for (;;) {
    const c = await page.send('IO.read', { handle: r.stream, size: 1 << 20 });
    parts.push(Buffer.from(c.data, c.base64Encoded ? 'base64' : 'latin1'));
    if (c.eof) break;
  }
  await page.send('IO.close', { handle: r.stream });
  return Buffer.concat(parts);
}

/* The page each marker fell on, by pdftotext (pages end with a form feed). */
function markerPages(pdfFile, count) {
  const bin = process.env.PDFTOTEXT || 'pdftotext';
  const r = spawnSync(bin, ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8',
    maxBuffer: 1 << 28 });
  if (r.error)
    throw new Error(`${bin}: ${r.error.message}; install the Debian package poppler-utils (make deps)`);
  if (r.status !== 0) throw new Error(`${bin} ${pdfFile} failed: ${r.stderr.trim()}`);
  const pages = r.stdout.split('\f');
  const where = new Array(count).fill(0);
  pages.forEach((text, k) => {
    for (const m of text.matchAll(/qzkmark([0-9]+)qz/g)) {
      const i = Number(m[1]);
      if (i < count && where[i] === 0) where[i] = k + 1;
    }
  });
  return where;
}

/* CreationDate and ModDate at the given time, the same length as before. */
function pinDates(pdf, epoch) {
  const d = new Date(epoch * 1000);
  const p2 = (n) => String(n).padStart(2, '0');
  const stamp = `D:${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`
    + `${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}+00'00'`;
  const s = pdf.toString('latin1');
  let n = 0;
  const out = s.replace(/\/(CreationDate|ModDate) \(D:[0-9]{14}[+-Z][0-9]{2}'[0-9]{2}'\)/g,
    (all, key) => {
      const v = `/${key} (${stamp})`;
      if (v.length !== all.length) throw new Error(`cannot pin ${key}: ${all}`);
      n++;
      return v;
    });
  if (n !== 2) throw new Error(`expected one CreationDate and one ModDate in the PDF, found ${n} dates`);
  return Buffer.from(out, 'latin1');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const [input, output] = o.files;
  if (!fs.existsSync(input)) die(`${input}: no such file (make ${input})`);
  const tmp = `${output}.tmp`;
  if (o.pin) {                         /* only the dates of a printed PDF */
    fs.writeFileSync(tmp, pinDates(fs.readFileSync(input), o.epoch));
    fs.renameSync(tmp, output);
    return;
  }
  const paper = PAPERS[o.paper];
  const first = `${output}.first.tmp`;
  let b = null, pb = null;
  try {
    /* laid out as on paper (CSS px of 1/96 in), in a tab of its own: the
     * maths to shrink, and what would still stick out (in a browser of its
     * own: printing in a browser that has emulated print media can hang) */
    const column = Math.floor((paper.width - MARGIN.left - MARGIN.right) * 96);
    pb = await launch();
    const probe = await pb.page(column);
    await probe.send('Emulation.setEmulatedMedia', { media: 'print' });
    await probe.open('file://' + path.resolve(input));
    await probe.eval('document.fonts.ready.then(() => 1)');
    const fit = await probe.eval(FIT);
    const over = await probe.eval(OVERFLOW(Math.floor(MARGIN.right * 96 / 2)));
    if (over.length)
      throw new Error(`wider than the paper's text column: ${over.slice(0, 5).join('; ')}`);
    await pb.close();
    pb = null;
    step('lay it out on paper');

    b = await launch();
    const page = await b.page(1200);
    await page.send('Emulation.clearDeviceMetricsOverride');
    await page.open('file://' + path.resolve(input));
    await page.eval('document.fonts.ready.then(() => 1)');
    step('open the report');
    /* APPLY_FIT(fit) would set them smaller, but the whole book's printing
     * then stalls in Chromium 156 (three times, at the same point): they
     * are only reported, and may run into the margin */
    if (fit.length)
      process.stderr.write(`print.js: ${fit.length} display formula${fit.length === 1 ? ' is' : 's are'} `
        + `wider than the text column, down to ${Math.min(...fit.map((f) => f[1]))}% of it\n`);
    const count = await page.eval(PREPARE);
    step('prepare it for paper');
    fs.writeFileSync(first, await printPdf(page, paper));
    step('first printing');
    const where = markerPages(first, count);
    fs.rmSync(first);
    step('pdftotext');
    const ids = await page.eval('window.__printTargets');
    const lost = ids.filter((id, k) => where[k] === 0);
    if (lost.length)
      throw new Error(`no page found for #${lost.slice(0, 5).join(', #')} in the first printing`);
    const left = await page.eval(`(() => {
      const where = ${JSON.stringify(where)};
      const page = new Map(window.__printTargets.map((id, k) => [id, where[k]]));
      document.querySelectorAll('.print-page').forEach((s) => {
        s.textContent = String(page.get(s.getAttribute('data-target')));
      });
      document.querySelectorAll('.print-mark').forEach((m) => m.remove());
      return document.querySelectorAll('.print-page').length;
    })()`);
    if (page.errors.length) throw new Error(`the page reported errors: ${page.errors.join('; ')}`);
    fs.writeFileSync(tmp, pinDates(await printPdf(page, paper), o.epoch));
    step('second printing');
    fs.renameSync(tmp, output);
    process.stdout.write(`${output}: ${o.paper}, ${left} page references\n`);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(first, { force: true });
    throw e;
  } finally {
    if (pb) await pb.close();
    if (b) await b.close();
  }
}

main().catch((e) => die(e.message));
