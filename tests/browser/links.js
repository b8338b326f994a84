/* links.js — every link of the built report and chapter pages resolves, in
 * headless Chromium (tests/browser/cdp.js):
 *
 *   node tests/browser/links.js OUTPUT-DIR
 *
 * In each page, an in-page link (href="#ID") must name an element of the
 * page, and a link to another page of OUTPUT-DIR (href="../NN-slug/
 * chapter.html#ID", the weaver's references to another chapter) must name
 * a page that exists and an element in it.  The report, which holds every
 * chapter, links to none of the chapter pages, and its glossary links every
 * term to a defined term ([TERM]{.define}) of the text.  A reference in the
 * page ("section 3.2", "equation (3.1)", "Exercise 1.4", "chapter 3",
 * "Figure 2.1") shows the number its target shows (the heading's number,
 * the equation's, the exercise's, the figure's caption).  Prints one line a
 * broken link and exits 1 if there is any. */
'use strict';
const fs = require('fs');
const path = require('path');
const { launch } = require('./cdp.js');

const OUT = process.argv[2] || 'output';
let failures = 0, checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) {
    failures++;
    console.log(`  FAIL     ${what}`);
  }
}

/* The page's links and ids, as the browser parsed them. */
async function read(browser, file) {
  const page = await browser.page(1200);
  await page.open('file://' + path.resolve(file));
  const r = await page.eval(`({
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    /* the number a reference shows, and the number its target shows */
    numbers: [...document.querySelectorAll('a[href*="#"]')].map((a) => {
      const m = /#(sec|eq|ex|ch|fig):/.exec(a.getAttribute('href'));
      if (!m || a.getAttribute('href')[0] !== '#') return null;
      const t = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (!t) return null;
      const shown = (a.textContent.match(/\\d+(\\.\\d+)*/) || [''])[0];
      let own = '';
      if (m[1] === 'sec' || m[1] === 'ch') own = t.getAttribute('data-number') || '';
      else if (m[1] === 'eq') own = (t.querySelector('.eq-number') || {}).textContent || '';
      else if (m[1] === 'ex') own = t.textContent;
      else { const f = t.closest('figure'); own = f && f.querySelector('figcaption')
        ? f.querySelector('figcaption').textContent : ''; }
      own = (own.match(/\\d+(\\.\\d+)*/) || [''])[0];
      return [a.getAttribute('href'), a.textContent, shown, own];
    }).filter((x) => x),
    glossary: [...document.querySelectorAll('.glossary a')]
      .map((a) => { const t = document.getElementById(decodeURIComponent(a.hash.slice(1)));
                    return [a.getAttribute('href'), t ? t.className : null]; }),
  })`);
  await page.send('Page.close').catch(() => {});
  return { ids: new Set(r.ids), links: r.links, glossary: r.glossary, numbers: r.numbers };
}

(async () => {
  const t0 = Date.now();
  const browser = await launch();
  const pages = new Map();
  const get = async (file) => {
    if (!pages.has(file)) pages.set(file, fs.existsSync(file) ? await read(browser, file) : null);
    return pages.get(file);
  };
  let n = 0;
  try {
    const files = [path.join(OUT, 'report.html')].concat(fs.readdirSync(OUT)
      .filter((d) => /^\d\d-/.test(d)).sort().map((d) => path.join(OUT, d, 'chapter.html'))
      .filter((f) => fs.existsSync(f)));
    for (const file of files) {
      const p = await get(file);
      const name = path.relative(OUT, file);
      check(p !== null, `${name}: missing`);
      if (p === null) continue;
      for (const href of p.links) {
        if (/^[a-z]+:/i.test(href)) continue;          // data:, https:, mailto:
        n++;
        const [target, hash = ''] = href.split('#');
        const id = decodeURIComponent(hash);
        if (target === '') {
          check(p.ids.has(id), `${name}: href="${href}": no element with that id`);
          continue;
        }
        check(!name.startsWith('report'), `${name}: href="${href}" leaves the report`);
        const other = path.join(path.dirname(file), target);
        const q = await get(other);
        check(q !== null, `${name}: href="${href}": no page ${path.relative(OUT, other)}`);
        if (q !== null && id)
          check(q.ids.has(id), `${name}: href="${href}": no element with that id there`);
      }
      for (const [href, text, shown, own] of p.numbers)
        check(shown !== '' && shown === own,
              `${name}: "${text}" (href="${href}") but its target is numbered ${own || 'nothing'}`);
      if (name.startsWith('report')) {
        check(p.glossary.length > 0, `${name}: the glossary lists no term`);
        for (const [href, cls] of p.glossary)
          check(cls !== null && cls.split(' ').includes('define'),
                `${name}: the glossary's href="${href}" is not a defined term`);
      }
    }
  } finally {
    await browser.close();
  }
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`  LINKS    ${n} links in ${pages.size} pages, ${checks} checks, ${failures} failed (${s} s)`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.log(`  FAIL     ${e.stack || e}`);
  process.exit(1);
});
