/* a11y.js — the accessibility engine axe-core over the built pages, in
 * headless Chromium (tests/browser/cdp.js):
 *
 *   node tests/browser/a11y.js OUT-DIR
 *
 * axe-core is the npm package pinned in tests/browser/package.json
 * (package-lock.json; `make deps` runs `npm ci` there): its script is read
 * from node_modules/axe-core/axe.min.js and evaluated in each page, so
 * nothing is fetched.  It checks output/report.html and every chapter page
 * output/NN-slug/chapter.html 1200 px wide (the report also 400 px wide,
 * where figures and tables scroll), after their scripts have run (the
 * explorers built), against the rules of WCAG 2.1 levels A and AA.  Every violation is
 * one line: the page, the rule id, its impact, the selector of the element
 * and the rule's help.  First, the engine must find the faults of a small
 * page made faulty on purpose (an image without a text alternative, an
 * unlabelled input, grey on white), so that a broken injection cannot pass
 * as a clean book.  Exits 1 on any violation. */
'use strict';
const fs = require('fs');
const path = require('path');
const { launch } = require('./cdp.js');

const [OUT] = process.argv.slice(2);
if (!OUT) {
  console.error('usage: node tests/browser/a11y.js OUT-DIR');
  process.exit(2);
}
const AXE = path.join(__dirname, 'node_modules', 'axe-core', 'axe.min.js');
if (!fs.existsSync(AXE)) {
  console.error(`a11y: ${AXE} is missing; run \`make deps\` (npm ci in tests/browser)`);
  process.exit(2);
}
const axeSource = fs.readFileSync(AXE, 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SHOWN = Number(process.env.A11Y_SHOWN) || 8;    // elements listed a rule and page (A11Y_SHOWN=); the rest counted

/* In the page: axe-core's violations as [{id, impact, help, targets}], a
 * target being the element's selector (and, for a contrast, the colours). */
function inPage(tags) {
  const where = (n) => {
    const d = (n.any[0] || {}).data;
    return n.target.join(' ') + (d && d.contrastRatio ? ' [' + d.fgColor + ' on ' +
      d.bgColor + ', ' + d.contrastRatio + ':1, needs ' + d.expectedContrastRatio + ']' : '');
  };
  return axe.run(document, { runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(where) })));
}

/* The violations of the page now open. */
async function audit(page) {
  await page.eval(axeSource + '\n;0');
  return page.eval(`(${inPage.toString()})(${JSON.stringify(TAGS)})`);
}

function report(name, violations) {
  let n = 0;
  for (const v of violations) {
    for (const t of v.targets.slice(0, SHOWN))
      console.log(`  FAIL     ${name}: ${v.id} (${v.impact}) ${t}: ${v.help}`);
    if (v.targets.length > SHOWN)
      console.log(`  FAIL     ${name}: ${v.id} (${v.impact}) and ${v.targets.length - SHOWN} more elements`);
    n += v.targets.length;
  }
  return n;
}

/* A page with three known faults: the engine must name each. */
const FAULTY = '<!DOCTYPE html><html lang="en"><head><title>faulty</title></head><body>' +
  '<main><h1>A faulty page</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
  '<input type="text"><p style="color:#bbb;background:#fff">faint</p></main></body></html>';
const FAULTS = ['image-alt', 'label', 'color-contrast'];

async function main() {
  // [file, width]: every page as on a desktop, the report also as on a
  // phone, where figures and tables scroll sideways
  const pages = [[path.join(OUT, 'report.html'), 1200], [path.join(OUT, 'report.html'), 400]];
  for (const d of fs.readdirSync(OUT).sort())
    if (/^\d\d-/.test(d) && fs.existsSync(path.join(OUT, d, 'chapter.html')))
      pages.push([path.join(OUT, d, 'chapter.html'), 1200]);
  const browser = await launch();
  let failures = 0;
  try {
    const tabs = {};
    const tab = async (w) => tabs[w] || (tabs[w] = await browser.page(w));
    let page = await tab(1200);
    await page.open('data:text/html;charset=utf-8,' + encodeURIComponent(FAULTY));
    const seen = (await audit(page)).map((v) => v.id);
    for (const f of FAULTS)
      if (!seen.includes(f)) {
        console.log(`  FAIL     the faulty test page: axe-core did not report ${f} (it reported ${seen.join(', ') || 'nothing'})`);
        failures++;
      }
    for (const [file, width] of pages) {
      page = await tab(width);
      if (!fs.existsSync(file)) {
        console.log(`  FAIL     ${file}: missing (make all)`);
        failures++;
        continue;
      }
      await page.open('file://' + path.resolve(file));
      const v = await audit(page);
      const name = `${file} at ${width} px`;
      const n = report(name, v);
      failures += n;
      console.log(`  A11Y     ${name}: ${n ? n + ' violations' : 'no violation'} of WCAG 2.1 A/AA`);
    }
  } finally {
    await browser.close();
  }
  if (failures) {
    console.log(`a11y: ${failures} failures`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error('a11y: ' + (e && e.stack || e));
  process.exit(1);
});
