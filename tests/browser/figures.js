/* figures.js — the figures inlined in a page draw what gnuplot drew.
 *
 *   node tests/browser/figures.js output/report.html [PNG_DIR [NAME_REGEX]]
 *
 * put_svg (src/book/typeset.c) rewrites every SVG it inlines in fewer
 * bytes.  This draws each inline <svg id="fig:NN-name"> and the file gnuplot
 * wrote (output/NN-*\/fig-name.svg) in headless Chromium at twice their
 * viewBox size, compares them pixel by pixel and fails when more than
 * LIMIT of a figure's pixels differ by more than a quarter of the range in
 * some channel (a line moved, a dot lost or grown), or when a figure's file
 * is missing.  With PNG_DIR, the two drawings of every figure are written
 * there (NAME.disk.png, NAME.page.png) to look at; NAME_REGEX picks some.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { launch } = require('./cdp.js');

const LIMIT = 0.002;      /* the fraction of a figure's pixels that may differ */
const SCALE = 2;

function figures(page, outdir) {
  const html = fs.readFileSync(page, 'utf8');
  const dirs = fs.readdirSync(outdir);
  const out = [];
  const re = /<svg[^>]*\bid="fig:(\d\d)-([^"]+)"[^>]*>[\s\S]*?<\/svg>/g;
  for (let m; (m = re.exec(html)) !== null;) {
    const dir = dirs.find((d) => d.startsWith(m[1] + '-'));
    const file = dir ? path.join(outdir, dir, 'fig-' + m[2] + '.svg') : '';
    out.push({ name: m[1] + '-' + m[2], inline: m[0],
               disk: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null, file });
  }
  return out;
}

/* The SVG text S, drawn W by H into a canvas: its RGBA pixels, and a PNG. */
const DRAW = `
async function draw(s, w, h) {
  s = s.replace(/<svg\\b/, '<svg width="' + w + '" height="' + h + '"');
  const img = new Image();
  img.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(s)));
  await img.decode();
  const c = document.createElement('canvas');
  c.width = w; c.height = h;
  const g = c.getContext('2d');
  g.fillStyle = '#fff'; g.fillRect(0, 0, w, h);
  g.drawImage(img, 0, 0, w, h);
  return { px: g.getImageData(0, 0, w, h).data, png: c.toDataURL('image/png') };
}
async function compare(a, b, w, h, pngs) {
  const x = await draw(a, w, h), y = await draw(b, w, h);
  let n = 0;
  for (let i = 0; i < x.px.length; i += 4)
    if (Math.abs(x.px[i] - y.px[i]) > 64 || Math.abs(x.px[i + 1] - y.px[i + 1]) > 64 ||
        Math.abs(x.px[i + 2] - y.px[i + 2]) > 64)
      n++;
  return { differ: n / (w * h), a: pngs ? x.png : '', b: pngs ? y.png : '' };
}`;

async function main() {
  const [page, pngdir, only] = process.argv.slice(2);
  if (!page) {
    console.error('usage: node tests/browser/figures.js PAGE.html [PNG_DIR]');
    process.exit(2);
  }
  const list = figures(page, path.dirname(page))
    .filter((f) => !only || new RegExp(only).test(f.name));
  if (list.length === 0) {
    console.error(`figures.js: ${page}: no inline figure`);
    process.exit(1);
  }
  const b = await launch();
  let bad = 0;
  try {
    const p = await b.page(800);
    await p.open('about:blank');
    await p.eval(DRAW + '; window.compare = compare; 0');
    for (const f of list) {
      if (f.disk === null) {
        console.log(`FAIL ${f.name}: no ${f.file}`);
        bad++;
        continue;
      }
      const vb = /viewBox="0 0 (\d+) (\d+)"/.exec(f.disk);
      const w = SCALE * Number(vb[1]), h = SCALE * Number(vb[2]);
      const r = await p.eval(`compare(${JSON.stringify(f.disk)}, ${JSON.stringify(f.inline)},
                                      ${w}, ${h}, ${pngdir ? 'true' : 'false'})`);
      const ok = r.differ <= LIMIT;
      if (!ok)
        bad++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${f.name}: ${(100 * r.differ).toFixed(3)}% of pixels differ` +
                  `, ${f.disk.length} -> ${f.inline.length} bytes`);
      if (pngdir) {
        fs.mkdirSync(pngdir, { recursive: true });
        for (const [k, v] of [['disk', r.a], ['page', r.b]])
          fs.writeFileSync(path.join(pngdir, `${f.name}.${k}.png`),
                           Buffer.from(v.split(',')[1], 'base64'));
      }
    }
  } finally {
    await b.close();
  }
  console.log(bad ? `figures.js: ${bad} of ${list.length} figures differ` :
                    `figures.js: all ${list.length} figures draw as gnuplot drew them`);
  process.exit(bad ? 1 : 0);
}

main().catch((e) => { console.error('figures.js: ' + e.message); process.exit(1); });
