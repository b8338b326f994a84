/* pdf-check.js — reads the printed book back with poppler and checks it
 * (`make pdf-check`, part of `make check`).
 *
 *   node src/book/pdf-check.js [--paper a4|letter] OUT.pdf REPORT.html
 *
 * Checked: every page has the paper's size; page 1 is the title page and
 * page 2 opens the contents; every chapter of REPORT.html opens a page of
 * its own, in order; each entry of the contents names the page its heading
 * is on; every page ends with its number (the footer); every worked
 * solution of the report is printed, with its pointer; no "[object", and no
 * more "undefined" or "NaN" than the report's own text has.  Each failure
 * is one line on stderr; the exit status is 1 if any.  PDFINFO= and
 * PDFTOTEXT= name poppler's tools. */
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');

const SIZES = { a4: /^595\.[0-9]+ x 841\.[0-9]+ pts \(A4\)/, letter: /^612 x 792 pts \(letter\)/ };
let failures = 0;
function fail(msg) {
  if (++failures <= 20) process.stderr.write(`pdf-check: ${msg}\n`);
}
function die(msg) {
  process.stderr.write(`pdf-check: ${msg}\n`);
  process.exit(1);
}

function run(env, name, args) {
  const bin = process.env[env] || name;
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) die(`${bin}: ${r.error.message}; install the Debian package poppler-utils (make deps)`);
  if (r.status !== 0) die(`${bin} ${args.join(' ')}: ${r.stderr.trim() || 'failed'}`);
  return r.stdout;
}

/* Letters and digits only, lower case: what survives any text extraction. */
const norm = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
const words = (s, w) => (s.match(new RegExp(`\\b${w}\\b`, 'g')) || []).length;

/* The report's headings and visible text, from its HTML. */
function readReport(file) {
  const html = fs.readFileSync(file, 'utf8');
  const text = (h) => h.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '')
    .replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  const chapters = [];
  for (const m of html.matchAll(/<h1 data-number="([0-9]+)"[^>]*>([\s\S]*?)<\/h1>/g))
    chapters.push({ number: m[1], title: text(m[2]).replace(/^[0-9]+\s*/, '') });
  const visible = text(html.replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '').replace(/<title>[\s\S]*?<\/title>/g, ''));
  const solutions = (html.match(/<details class="solution">/g) || []).length;
  return { chapters, visible, solutions };
}

function main() {
  const argv = process.argv.slice(2);
  let paper = 'a4';
  if (argv[0] === '--paper') { paper = argv[1]; argv.splice(0, 2); }
  if (!SIZES[paper]) die(`--paper ${paper}: the paper is a4 or letter`);
  if (argv.length !== 2) die('usage: node src/book/pdf-check.js [--paper a4|letter] OUT.pdf REPORT.html');
  const [pdf, html] = argv;
  for (const f of [pdf, html]) if (!fs.existsSync(f)) die(`${f}: no such file`);
  const report = readReport(html);
  if (report.chapters.length === 0) die(`${html}: no numbered chapter found`);

  /* pdfinfo: the page count and every page's size */
  const info = run('PDFINFO', 'pdfinfo', [pdf]);
  const npages = Number((info.match(/^Pages:\s+([0-9]+)/m) || [])[1]);
  if (!(npages > 0)) die(`${pdf}: pdfinfo gives no page count`);
  const sizes = run('PDFINFO', 'pdfinfo', ['-f', '1', '-l', String(npages), pdf]);
  let badSize = 0;
  for (const m of sizes.matchAll(/^Page +([0-9]+) size: +(.*)$/gm))
    if (!SIZES[paper].test(m[2]) && badSize++ < 3)
      fail(`${pdf}: page ${m[1]} is ${m[2]}, not ${paper}`);

  /* pdftotext: the pages' text, in reading order and in layout */
  const pages = run('PDFTOTEXT', 'pdftotext', ['-enc', 'UTF-8', pdf, '-']).split('\f');
  const layout = run('PDFTOTEXT', 'pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']).split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  if (layout[layout.length - 1].trim() === '') layout.pop();
  if (pages.length !== npages) fail(`${pdf}: pdftotext finds ${pages.length} pages, pdfinfo ${npages}`);
  const body = (k) => pages[k - 1].trim().split('\n').filter((l) => l.trim() !== '');
  const starts = (k, text) => norm(body(k).slice(0, 12).join(' ')).startsWith(norm(text));

  /* the footer: the last line of each page is its number */
  let badFoot = 0;
  for (let k = 1; k <= pages.length; k++) {
    const lines = body(k);
    if ((lines.length === 0 || lines[lines.length - 1].trim() !== String(k)) && badFoot++ < 3)
      fail(`${pdf}: page ${k} does not end with its page number (${JSON.stringify(lines.slice(-1)[0] || '')})`);
  }

  /* the title page and the contents */
  if (!starts(1, 'The KL Workbook') || body(1).length > 4)
    fail(`${pdf}: page 1 is not the title page alone: ${JSON.stringify(body(1).join(' / ').slice(0, 120))}`);
  if (!starts(2, 'Contents'))
    fail(`${pdf}: page 2 does not open the contents: ${JSON.stringify(body(2)[0] || '')}`);

  /* every chapter opens a page, in order */
  const opens = new Map();
  let last = 0;
  for (const c of report.chapters) {
    const head = `${c.number} ${c.title}`;
    let k = last + 1;
    while (k <= pages.length && !starts(k, head)) k++;
    if (k > pages.length) {
      fail(`${pdf}: no page after page ${last} starts with chapter ${JSON.stringify(head)}`);
      continue;
    }
    opens.set(c.number, k);
    last = k;
  }

  /* the contents' entries, from its pages in layout: "TITLE ... PAGE" */
  let endContents = opens.size ? Math.min(...opens.values()) : Math.min(pages.length, 8);
  for (let k = 3; k < endContents; k++)
    if (starts(k, 'About this workbook')) endContents = k;
  const entries = [];
  let carry = '';
  for (let k = 2; k < endContents; k++) {
    for (const line of layout[k - 1].split('\n')) {
      if (line.trim() === '' || line.trim() === 'Contents' || line.trim() === String(k)) continue;
      if (/^\s*The KL Workbook\s+[0-9]+\s*$/.test(line)) continue;
      const m = line.match(/^\s*(.*?)\s{2,}([0-9]+)\s*$/);
      if (m) {
        entries.push({ title: (carry + ' ' + m[1]).trim(), page: Number(m[2]), on: k });
        carry = '';
      } else {
        carry += ' ' + line.trim();
      }
    }
  }
  if (entries.length < report.chapters.length)
    fail(`${pdf}: the contents list ${entries.length} entries for ${report.chapters.length} chapters`);
  let prev = 0;
  for (const e of entries) {
    if (!(e.page >= prev && e.page <= pages.length)) {
      fail(`${pdf}: contents entry ${JSON.stringify(e.title)} gives page ${e.page} (after page ${prev}, of ${pages.length})`);
      continue;
    }
    prev = e.page;
    const chapter = e.title.match(/^([0-9]+) /);
    if (chapter && !e.title.includes('.') && opens.has(chapter[1])) {
      if (opens.get(chapter[1]) !== e.page)
        fail(`${pdf}: the contents put chapter ${chapter[1]} on page ${e.page}, it opens page ${opens.get(chapter[1])}`);
    } else if (!norm(pages[e.page - 1]).includes(norm(e.title))) {
      fail(`${pdf}: contents entry ${JSON.stringify(e.title)}: not on page ${e.page}`);
    }
  }
  if (!entries.some((e) => e.title === 'About this workbook'))
    fail(`${pdf}: the contents do not list "About this workbook"`);
  for (const c of report.chapters)
    if (!entries.some((e) => norm(e.title) === norm(`${c.number} ${c.title}`)))
      fail(`${pdf}: chapter ${c.number} is missing from the contents`);

  /* the worked solutions: each printed, with a pointer to its page */
  const all = pages.join('\n');
  const flat = all.replace(/\s+/g, ' ');
  const pointers = [...flat.matchAll(/Solution at the end of the chapter, page ([0-9]+)/g)];
  if (pointers.length !== report.solutions)
    fail(`${pdf}: ${pointers.length} solution pointers for the report's ${report.solutions} solutions`);
  for (const p of pointers)
    if (!(Number(p[1]) <= pages.length && /Solutions? to the exercises|From page/.test(pages[Number(p[1]) - 1])))
      fail(`${pdf}: a solution pointer names page ${p[1]}, which holds no solution`);

  /* text that a script or a template left behind */
  if (all.includes('[object')) fail(`${pdf}: the text holds "[object"`);
  for (const w of ['undefined', 'NaN']) {
    const n = words(all, w), allowed = words(report.visible, w);
    if (n > allowed) fail(`${pdf}: the text says "${w}" ${n} times, the report only ${allowed}`);
  }

  if (failures) {
    process.stderr.write(`pdf-check: ${pdf}: ${failures} problem${failures > 1 ? 's' : ''}\n`);
    process.exit(1);
  }
  process.stdout.write(`           ${pdf}: ${paper}, ${pages.length} pages, ${opens.size} chapters, `
    + `${entries.length} contents entries, ${pointers.length} solutions\n`);
}

main();
