/* explorer.js — the interactive explorers of the KL Workbook: one copy a
 * page (the build appends it to every page that has an explorer), no
 * dependencies, nothing fetched.  It turns each element
 *
 *     <div class="explorer" id="xNN-NAME" hidden><script type="application/json">
 *
 * that the weaver writes for `@explorer NAME` into an explorer, drawn as
 * inline SVG from the data the chapter program wrote (src/book/explorer.h).
 * It looks numbers up and draws them; it computes nothing the chapter could
 * get wrong, except the "bars" kind, whose measures (KLX.discrete) mirror
 * src/kl/discrete.c and are tested against it (tests/browser/explorers.js).
 * Without script, and in print, the element stays hidden and the static
 * figure before it stands alone.
 *
 * Kinds and the keys they read:
 *   map    x[nx], y[ny], z[nx*ny] (z[i*ny + j] at x[i], y[j]), xname, yname,
 *          zname, digits, bits (bits a nat), zref (colour: log(1 + z/zref)),
 *          loc[nx], scale[ny], p_loc, p_scale, pname, qname: the densities
 *          shape((t - loc)/scale)/scale on [curve_lo, curve_hi], the shape
 *          tabulated from shape_lo with step shape_step (linearly
 *          interpolated: the only interpolation), probe_x, probe_y (start).
 *          The pointer snaps to grid points.
 *   curve  x[n], nseries, y0..y{nseries-1}, name0.., xname, yname (unit),
 *          digits, ymax (plot clip), probe_x (start); a slider over x.
 *   bars   n, label0.., p[n], q[n], digits, step, unit ("bits"): bars the
 *          reader drags, measures computed here.
 *   fit    sep[ns], w[nw], fits[6*ns*nw] (at sep[k], w[j] from 6*(k*nw + j):
 *          the forward fit's mu, sigma, D(p||q), the reverse fit's mu, sigma,
 *          D(q||p)), fitted[ns*nw] (0 where the program could not fit),
 *          x[nx], curve[nx*ns*nw] (the mixture's density, same
 *          order), the shape as for "map", digits, probe_sep, probe_w;
 *          two sliders.
 * The SVG inside an explorer uses no ids (nothing can collide). */
(function () {
'use strict';
var SVGNS = 'http://www.w3.org/2000/svg';
/* Okabe-Ito, as src/book/house.gp's line types 1, 2, 3, 5: report.css's
 * properties, which follow the colour theme (set through style, since an
 * SVG presentation attribute cannot hold var()) */
var BLUE = 'var(--line-1)', VERM = 'var(--line-2)', GREEN = 'var(--line-3)',
    ORANGE = 'var(--line-5)', GREY = 'var(--line-mix)';
var SERIES = [BLUE, VERM, GREEN, 'var(--line-4)'];
var VIRIDIS = ['#440154', '#472c7a', '#3b518b', '#2c718e', '#21908d',
               '#27ad81', '#5cc863', '#aadc32', '#fde725'];
var M = {l: 52, r: 14, t: 30, b: 40};   /* a panel's margins, px */

function svg(tag, attrs, parent) {
  var e = document.createElementNS(SVGNS, tag);
  for (var k in attrs) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}
function html(tag, attrs, parent, text) {
  var e = document.createElement(tag);
  for (var k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}
/* A legend under the explorer EL: one item a [colour, label] of ITEMS;
 * returns the label spans, for labels that change. */
function legend(el, items) {
  var ul = html('ul', {'class': 'explorer-legend'}, el);
  return items.map(function (c) {
    var li = html('li', {}, ul);
    html('span', {'class': 'swatch', style: 'background:' + c[0]}, li);
    return html('span', {}, li, c[1]);
  });
}
function text(parent, x, y, s, attrs) {
  var a = {x: x, y: y};
  for (var k in attrs) a[k] = attrs[k];
  var e = svg('text', a, parent);
  e.textContent = s;
  return e;
}

/* V with SIG significant digits as book_format writes it: trailing zeros
 * dropped, a true minus sign, "a × 10^n" outside [1e-4, 1e6), ∞. */
function fmt(v, sig) {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  var e = Number(v.toExponential(sig - 1).split('e')[1]), s;
  if (e >= -4 && e < 6) {
    s = v.toFixed(Math.max(0, sig - 1 - e));
    if (s.indexOf('.') >= 0) s = s.replace(/0+$/, '').replace(/\.$/, '');
  } else {
    var m = v.toExponential(sig - 1).split('e')[0];
    if (m.indexOf('.') >= 0) m = m.replace(/0+$/, '').replace(/\.$/, '');
    s = m + ' × 10^' + e;
  }
  return s.replace(/-/g, '−');
}

/* A linear map from [d0, d1] to [r0, r1], with its inverse. */
function scale(d0, d1, r0, r1) {
  var f = function (v) { return r0 + (v - d0) * (r1 - r0) / (d1 - d0); };
  f.inv = function (p) { return d0 + (p - r0) * (d1 - d0) / (r1 - r0); };
  f.d = [d0, d1];
  f.r = [r0, r1];
  return f;
}

/* About N round ticks over [lo, hi]. */
function ticks(lo, hi, n) {
  var step = Math.pow(10, Math.floor(Math.log(hi - lo) / Math.LN10));
  var m = (hi - lo) / step;
  step *= m > 2 * n ? 5 : m > n ? 2 : m > n / 2 ? 1 : 0.5;
  var t = [];
  for (var v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step)
    t.push(Math.abs(v) < 1e-12 * step ? 0 : v);
  return t;
}

/* A panel at (X, Y) of W × H px with axes over XD, YD; its scales are
 * stored on the group (data-*) so that a test can read a drawing back. */
function panel(root, box, xd, yd, labels) {
  var g = svg('g', {'class': 'panel'}, root);
  var sx = scale(xd[0], xd[1], box.x + M.l, box.x + box.w - M.r);
  var sy = scale(yd[0], yd[1], box.y + box.h - M.b, box.y + M.t);
  g.setAttribute('data-x', [sx.d, sx.r].join(','));
  g.setAttribute('data-y', [sy.d, sy.r].join(','));
  var ax = svg('g', {'class': 'axis'}, g);
  var nx = Math.max(2, Math.floor((box.w - M.l - M.r) / 70));
  ticks(xd[0], xd[1], nx).forEach(function (v) {
    svg('line', {x1: sx(v), x2: sx(v), y1: sy.r[0], y2: sy.r[0] + 5}, ax);
    text(ax, sx(v), sy.r[0] + 18, fmt(v, 3), {'text-anchor': 'middle'});
  });
  var ny = Math.max(2, Math.floor((box.h - M.t - M.b) / 40));
  ticks(yd[0], yd[1], ny).forEach(function (v) {
    svg('line', {x1: sx.r[0] - 5, x2: sx.r[0], y1: sy(v), y2: sy(v)}, ax);
    text(ax, sx.r[0] - 8, sy(v) + 4, fmt(v, 3), {'text-anchor': 'end'});
  });
  svg('path', {d: 'M' + sx.r[0] + ',' + sy.r[1] + 'V' + sy.r[0] + 'H' + sx.r[1],
               'class': 'frame'}, ax);
  text(ax, (sx.r[0] + sx.r[1]) / 2, box.y + box.h - 6, labels[0],
       {'text-anchor': 'middle', 'class': 'label'});
  text(ax, box.x + 4, box.y + 16, labels[1], {'class': 'label'});
  return {g: g, sx: sx, sy: sy};
}

/* The SVG path through (xs[k], ys[k]), clamped to the panel's y range (an
 * infinite value is drawn at the edge).  With GAP, a run of points outside
 * the range is left out instead, the path leaving and re-entering through
 * the edge rather than running along it. */
function line(p, xs, ys, gap) {
  var lo = Math.min(p.sy.d[0], p.sy.d[1]), hi = Math.max(p.sy.d[0], p.sy.d[1]);
  var d = '', pen = false;
  function out(k) { return !(ys[k] >= lo && ys[k] <= hi); }
  for (var k = 0; k < xs.length; k++) {
    var inside = !out(k);
    var edge = !inside && ((k > 0 && !out(k - 1)) ||
                           (k + 1 < xs.length && !out(k + 1)));
    if (gap && !inside && !edge) { pen = false; continue; }
    var v = Math.min(hi, Math.max(lo, ys[k]));
    d += (pen ? 'L' : 'M') + p.sx(xs[k]).toFixed(2) + ',' + p.sy(v).toFixed(2);
    pen = !gap || inside || !pen;
  }
  return d;
}

function viridis(t) {
  t = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
  var k = Math.min(VIRIDIS.length - 2, Math.floor(t)), f = t - k, c = '#';
  for (var i = 1; i < 7; i += 2) {
    var a = parseInt(VIRIDIS[k].substr(i, 2), 16);
    var b = parseInt(VIRIDIS[k + 1].substr(i, 2), 16);
    c += ('0' + Math.round(a + f * (b - a)).toString(16)).slice(-2);
  }
  return c;
}

/* The explorer's frame: a title, the drawing, a live text readout. */
function frame(el, d, hint) {
  el.textContent = '';
  el.hidden = false;
  html('p', {'class': 'explorer-title'}, el, d.title + ' — ' + hint);
  var out = html('p', {'class': 'explorer-readout', 'aria-live': 'polite',
                       'role': 'status'}, el);
  return out;
}

/* Writes SEGS into the readout: strings as text, [s] as a value span (the
 * numbers a test reads back). */
function say(out, segs) {
  out.textContent = '';
  segs.forEach(function (g) {
    if (typeof g === 'string') out.appendChild(document.createTextNode(g));
    else html('span', {'class': 'v'}, out, g[0]);
  });
  return out.textContent;
}

function width(el) {
  return Math.max(300, Math.min(900, el.clientWidth || 700));
}

/* Redraws on a change of width (the layout depends on it). */
function responsive(el, draw) {
  var w = 0;
  function redraw() {
    var nw = width(el);
    if (Math.abs(nw - w) < 8) return;
    w = nw;
    draw(w);
  }
  window.addEventListener('resize', redraw);
  redraw();
}

/* Arrow keys (and Page, Home, End) as steps of an index pair. */
function keystep(ev) {
  var big = ev.shiftKey ? 10 : 1;
  switch (ev.key) {
  case 'ArrowLeft': return [-big, 0];
  case 'ArrowRight': return [big, 0];
  case 'ArrowDown': return [0, -big];
  case 'ArrowUp': return [0, big];
  case 'PageDown': return [0, -10];
  case 'PageUp': return [0, 10];
  default: return null;
  }
}

function nearest(arr, v) {
  var best = 0;
  for (var k = 1; k < arr.length; k++)
    if (Math.abs(arr[k] - v) < Math.abs(arr[best] - v)) best = k;
  return best;
}

function clamp(k, n) { return Math.max(0, Math.min(n - 1, k)); }

/* A point in the coordinates of SVG ROOT from a pointer event. */
function local(root, ev) {
  var r = root.getBoundingClientRect(), vb = root.viewBox.baseVal;
  return {x: (ev.clientX - r.left) * vb.width / r.width,
          y: (ev.clientY - r.top) * vb.height / r.height};
}

/* ---- kind "map" --------------------------------------------------------- */

/* The layout: the map and three panels (cut along x, cut along y, the
 * densities), side by side when wide, stacked when narrow. */
function mapLayout(w) {
  if (w >= 640) {
    var mw = Math.round(w * 0.52), ch = 190;
    return {h: 2 * ch + 230, map: {x: 0, y: 0, w: mw, h: 2 * ch},
            cx: {x: mw, y: 0, w: w - mw, h: ch}, cy: {x: mw, y: ch, w: w - mw, h: ch},
            pq: {x: 0, y: 2 * ch, w: w, h: 230}};
  }
  var m = Math.round(w * 0.95), c = 170;
  return {h: m + 3 * c, map: {x: 0, y: 0, w: w, h: m},
          cx: {x: 0, y: m, w: w, h: c}, cy: {x: 0, y: m + c, w: w, h: c},
          pq: {x: 0, y: m + 2 * c, w: w, h: c}};
}

function shapeAt(d, t) {
  var u = (t - d.shape_lo) / d.shape_step, k = Math.floor(u);
  if (k < 0 || k >= d.shape.length - 1) return 0;
  return d.shape[k] + (u - k) * (d.shape[k + 1] - d.shape[k]);
}

function density(d, loc, sc, xs) {
  return xs.map(function (t) { return shapeAt(d, (t - loc) / sc) / sc; });
}

function drawMapCells(p, d, zmax) {
  var nx = d.x.length, ny = d.y.length, g = svg('g', {'class': 'cells'}, p.g);
  var norm = Math.log(1 + zmax / d.zref);
  for (var i = 0; i < nx; i++) {
    var x0 = p.sx(i ? (d.x[i - 1] + d.x[i]) / 2 : d.x[0]);
    var x1 = p.sx(i < nx - 1 ? (d.x[i] + d.x[i + 1]) / 2 : d.x[nx - 1]);
    for (var j = 0; j < ny; j++) {
      var y0 = p.sy(j ? (d.y[j - 1] + d.y[j]) / 2 : d.y[0]);
      var y1 = p.sy(j < ny - 1 ? (d.y[j] + d.y[j + 1]) / 2 : d.y[ny - 1]);
      var c = viridis(Math.log(1 + d.z[i * ny + j] / d.zref) / norm);
      svg('rect', {x: x0.toFixed(2), y: y1.toFixed(2),
                   width: (x1 - x0 + 0.6).toFixed(2),
                   height: (y0 - y1 + 0.6).toFixed(2), fill: c}, g);
    }
  }
}

/* The colour scale, a strip in the map's top margin: log(1 + z/zref). */
function colourStrip(p, d, zmax, top) {
  var x0 = p.sx.r[0] + 40, x1 = p.sx.r[1] - 64, n = 48, norm = Math.log(1 + zmax / d.zref);
  var g = svg('g', {'class': 'strip'}, p.g);
  for (var k = 0; k < n; k++)
    svg('rect', {x: x0 + (x1 - x0) * k / n, y: top, width: (x1 - x0) / n + 0.5,
                 height: 9, fill: viridis((k + 0.5) / n)}, g);
  text(g, x0 - 4, top + 9, '0', {'text-anchor': 'end'});
  text(g, x1 + 4, top + 9, fmt(zmax, 3) + ' nats', {});
  var mid = d.zref * (Math.exp(0.5 * norm) - 1);
  text(g, (x0 + x1) / 2, top - 2, fmt(mid, 2), {'text-anchor': 'middle'});
}

/* The map: cells, colour strip, the pointer's target and the crosshair;
 * returns the panel and a function that moves the crosshair to (i, j). */
function mapPanel(root, box, d) {
  var nx = d.x.length, ny = d.y.length, zmax = Math.max.apply(null, d.z);
  var mp = panel(root, box, [d.x[0], d.x[nx - 1]], [d.y[0], d.y[ny - 1]],
                 [d.xname, d.yname]);
  drawMapCells(mp, d, zmax);
  colourStrip(mp, d, zmax, box.y + 12);
  mp.g.setAttribute('class', 'panel map');
  mp.g.setAttribute('tabindex', '0');
  mp.g.setAttribute('role', 'slider');
  mp.g.setAttribute('aria-label', d.title + ': arrow keys move the crosshair');
  /* the pointer's target: the plot area and a few px around it */
  svg('rect', {x: mp.sx.r[0] - 6, y: mp.sy.r[1] - 6, width: mp.sx.r[1] - mp.sx.r[0] + 12,
               height: mp.sy.r[0] - mp.sy.r[1] + 12, fill: '#000', 'fill-opacity': 0}, mp.g);
  var cross = svg('g', {'class': 'cross'}, mp.g);
  var h = svg('line', {x1: mp.sx.r[0], x2: mp.sx.r[1]}, cross);
  var v = svg('line', {y1: mp.sy.r[0], y2: mp.sy.r[1]}, cross);
  var dot = svg('circle', {r: 4}, cross);
  return {p: mp, move: function (i, j) {
    var X = mp.sx(d.x[i]), Y = mp.sy(d.y[j]);
    h.setAttribute('y1', Y); h.setAttribute('y2', Y);
    v.setAttribute('x1', X); v.setAttribute('x2', X);
    dot.setAttribute('cx', X); dot.setAttribute('cy', Y);
  }};
}

/* A cut's panel in G, redrawn at each move (its scale follows the cut):
 * ZS over XS with a marker at index AT. */
function cutPanel(g, box, d, xs, zs, name, colour, at, cls) {
  g.textContent = '';
  var top = 0;
  zs.forEach(function (z) { top = Math.max(top, z); });
  var p = panel(g, box, [xs[0], xs[xs.length - 1]], [0, top > 0 ? top * 1.08 : 1],
                [name, d.zname + ' along ' + name + ', nats']);
  svg('path', {d: line(p, xs, zs), 'class': 'cut ' + cls, style: 'stroke:' + colour}, p.g);
  svg('circle', {r: 4.5, style: 'fill:' + colour, 'class': 'marker', cx: p.sx(xs[at]),
                 cy: p.sy(zs[at])}, p.g);
}

/* The densities p (fixed) and q (at the pointer); returns q's setter. */
function densityPanel(root, box, d) {
  var ts = [], n = 321, pmax = 0, peak = shapeAt(d, 0);
  for (var k = 0; k < n; k++)
    ts.push(d.curve_lo + (d.curve_hi - d.curve_lo) * k / (n - 1));
  d.scale.forEach(function (sc) { pmax = Math.max(pmax, peak / sc); });
  pmax = Math.min(pmax, 2.5 * peak / d.p_scale);
  var pq = panel(root, box, [d.curve_lo, d.curve_hi], [0, pmax],
                 ['x', 'densities of p (blue) and q (orange)']);
  svg('path', {d: line(pq, ts, density(d, d.p_loc, d.p_scale, ts)),
               'class': 'curve curve-p', style: 'stroke:' + BLUE}, pq.g);
  var q = svg('path', {'class': 'curve curve-q', style: 'stroke:' + ORANGE}, pq.g);
  return function (i, j) {
    q.setAttribute('d', line(pq, ts, density(d, d.loc[i], d.scale[j], ts)));
  };
}

function drawMap(el, d, st, w) {
  var L = mapLayout(w), nx = d.x.length, ny = d.y.length;
  /* a group, not an image: the map inside is a slider the keys move */
  var root = svg('svg', {viewBox: '0 0 ' + w + ' ' + L.h, width: '100%',
                         'class': 'explorer-svg', role: 'group', 'aria-label': d.title});
  el.appendChild(root);
  var map = mapPanel(root, L.map, d), mp = map.p, setQ = densityPanel(root, L.pq, d);
  var cx = svg('g', {}, root), cy = svg('g', {}, root);
  function update() {
    var i = st.i, j = st.j, z = d.z[i * ny + j];
    map.move(i, j);
    cutPanel(cx, L.cx, d, d.x, d.x.map(function (_, a) { return d.z[a * ny + j]; }),
             d.xname, BLUE, i, 'cut-x');
    cutPanel(cy, L.cy, d, d.y, d.y.map(function (_, b) { return d.z[i * ny + b]; }),
             d.yname, VERM, j, 'cut-y');
    setQ(i, j);
    var s = say(el.querySelector('.explorer-readout'),
      [d.xname + ' = ', [fmt(d.x[i], d.digits)], ', ' + d.yname + ' = ',
       [fmt(d.y[j], d.digits)], ':  ' + d.zname + ' = ', [fmt(z, d.digits)],
       ' nats = ', [fmt(z * d.bits, d.digits)], ' bits']);
    mp.g.setAttribute('aria-valuenow', z);
    mp.g.setAttribute('aria-valuetext', s);
  }
  function point(ev) {
    var q = local(root, ev);
    st.i = nearest(d.x, mp.sx.inv(q.x));
    st.j = nearest(d.y, mp.sy.inv(q.y));
    update();
  }
  mp.g.addEventListener('pointermove', point);
  mp.g.addEventListener('pointerdown', point);
  mp.g.addEventListener('keydown', function (ev) {
    var s = keystep(ev);
    if (!s) return;
    ev.preventDefault();
    st.i = clamp(st.i + s[0], nx);
    st.j = clamp(st.j + s[1], ny);
    update();
  });
  update();
}

function mapExplorer(el, d) {
  var st = {i: nearest(d.x, d.probe_x), j: nearest(d.y, d.probe_y)};
  var out = frame(el, d, 'move the pointer over the map, touch it, or focus it ' +
                  'and use the arrow keys (Shift: ten steps)');
  legend(el, [[BLUE, d.pname], [ORANGE, d.qname]]);
  responsive(el, function (w) {
    var old = el.querySelector('svg');
    if (old) old.remove();
    drawMap(el, d, st, w);
    el.appendChild(el.querySelector('.explorer-legend'));
  });
  return out;
}

/* ---- kind "curve" ------------------------------------------------------- */

function drawCurve(el, d, st, w) {
  var n = d.x.length, box = {x: 0, y: 0, w: w, h: Math.min(340, 0.7 * w + 60)};
  var root = svg('svg', {viewBox: '0 0 ' + w + ' ' + box.h, width: '100%',
                         'class': 'explorer-svg', role: 'img', 'aria-label': d.title});
  el.insertBefore(root, el.querySelector('.explorer-slider'));
  var p = panel(root, box, [d.x[0], d.x[n - 1]], [0, d.ymax], [d.xname, d.yname]);
  var marks = [], vline = svg('line', {'class': 'vline'}, p.g);
  for (var s = 0; s < d.nseries; s++) {
    svg('path', {d: line(p, d.x, d['y' + s], true), 'class': 'curve series-' + s,
                 style: 'stroke:' + SERIES[s]}, p.g);
    marks.push(svg('circle', {r: 4.5, style: 'fill:' + SERIES[s], 'class': 'marker'}, p.g));
  }
  st.draw = function () {
    var X = p.sx(d.x[st.i]);
    vline.setAttribute('x1', X); vline.setAttribute('x2', X);
    vline.setAttribute('y1', p.sy.r[0]); vline.setAttribute('y2', p.sy.r[1]);
    for (var s = 0; s < d.nseries; s++) {
      var v = d['y' + s][st.i];
      marks[s].setAttribute('cx', X);
      marks[s].setAttribute('cy', p.sy(Math.min(d.ymax, v)));
      marks[s].setAttribute('visibility', v > d.ymax ? 'hidden' : 'visible');
    }
  };
  function point(ev) {
    if (ev.type === 'pointermove' && ev.pointerType === 'mouse' && !ev.buttons)
      return;
    st.set(nearest(d.x, p.sx.inv(local(root, ev).x)));
  }
  root.addEventListener('pointerdown', point);
  root.addEventListener('pointermove', point);
  st.draw();
}

function curveExplorer(el, d) {
  var n = d.x.length, st = {i: nearest(d.x, d.probe_x)};
  var out = frame(el, d, 'drag the slider or along the plot, or use the ' +
                  'arrow keys on the slider');
  var lab = html('label', {'class': 'explorer-slider'}, el, d.xname + ' ');
  var range = html('input', {type: 'range', min: 0, max: n - 1, step: 1,
                             value: st.i, 'aria-label': d.xname}, lab);
  var colours = [];
  for (var s = 0; s < d.nseries; s++)
    colours.push([SERIES[s], '']);
  var items = legend(el, colours);
  st.set = function (i) {
    st.i = clamp(i, n);
    range.value = st.i;
    var segs = [d.xname + ' = ', [fmt(d.x[st.i], d.digits)], ':  '];
    for (var s = 0; s < d.nseries; s++) {
      var v = fmt(d['y' + s][st.i], d.digits);
      items[s].textContent = d['name' + s] + ' = ' + v + ' ' + d.yname;
      segs.push((s ? ';  ' : '') + d['name' + s] + ' = ', [v], ' ' + d.yname);
    }
    range.setAttribute('aria-valuetext', d.xname + ' = ' + fmt(d.x[st.i], d.digits));
    say(out, segs);
    if (st.draw) st.draw();
  };
  range.addEventListener('input', function () { st.set(Number(range.value)); });
  responsive(el, function (w) {
    var old = el.querySelector('svg');
    if (old) old.remove();
    drawCurve(el, d, st, w);
  });
  st.set(st.i);
  return out;
}

/* ---- kind "bars": the measures, as src/kl/discrete.c computes them ------- */

/* Neumaier's compensated sum (src/kl/ksum.h). */
function ksum(terms) {
  var s = 0, c = 0;
  for (var k = 0; k < terms.length; k++) {
    var x = terms[k], t = s + x;
    if (!isFinite(t)) { s = t; c = 0; continue; }
    c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
    s = t;
  }
  return isFinite(s) ? s + c : s;
}

/* (1 + d) log(1 + d) - d by its series, for |d| < 0.1. */
function phiSeries(d) {
  var term = d * d, sum = 0;
  for (var k = 2; k <= 22; k++) {
    sum += term / (k * (k - 1));
    term *= -d;
  }
  return sum;
}

/* p log2(p/q) as the parts the library adds (0 for p = 0, +inf for q = 0). */
function klParts(p, q) {
  if (p === 0) return [0];
  if (q === 0) return [Infinity];
  var diff = p - q, d = diff / q;
  if (Math.abs(d) < 0.1) return [q * phiSeries(d) * Math.LOG2E, diff * Math.LOG2E];
  var r = p / q;
  if (isFinite(r) && r >= Math.pow(2, -1022)) return [p * Math.log2(r)];
  return [p * (Math.log2(p) - Math.log2(q))];
}

var discrete = {
  entropy: function (p) {
    return ksum(p.filter(function (v) { return v > 0; })
                 .map(function (v) { return -v * Math.log2(v); })) + 0;
  },
  cross: function (p, q) {
    var t = [];
    for (var k = 0; k < p.length; k++) {
      if (p[k] === 0) continue;
      if (q[k] === 0) return Infinity;
      t.push(-p[k] * Math.log2(q[k]));
    }
    return ksum(t) + 0;
  },
  divergence: function (p, q) {
    var t = [];
    for (var k = 0; k < p.length; k++) t = t.concat(klParts(p[k], q[k]));
    var v = ksum(t);
    return v < 0 ? 0 : v + 0;
  },
  terms: function (p, q) {
    return p.map(function (v, k) { return ksum(klParts(v, q[k])); });
  }
};

/* Sets entry K of DIST to V and rescales the others to keep the sum 1. */
function setMass(dist, k, v) {
  v = Math.max(0, Math.min(1, v));
  var rest = 0;
  for (var i = 0; i < dist.length; i++) if (i !== k) rest += dist[i];
  for (i = 0; i < dist.length; i++)
    if (i !== k)
      dist[i] = rest > 0 ? dist[i] * (1 - v) / rest : (1 - v) / (dist.length - 1);
  dist[k] = v;
}

function barsLayout(w) {
  if (w >= 640) {
    var a = Math.round(w * 0.5);
    return {h: 300, bars: {x: 0, y: 0, w: a, h: 300}, terms: {x: a, y: 0, w: w - a, h: 300}};
  }
  return {h: 520, bars: {x: 0, y: 0, w: w, h: 270}, terms: {x: 0, y: 270, w: w, h: 250}};
}

function drawBars(el, d, st, w) {
  var L = barsLayout(w), n = d.n;
  var root = svg('svg', {viewBox: '0 0 ' + w + ' ' + L.h, width: '100%',
                         'class': 'explorer-svg', role: 'group', 'aria-label': d.title});
  el.insertBefore(root, el.querySelector('.explorer-table'));
  var bp = panel(root, L.bars, [0, n], [0, 1], ['outcome', 'probability: P (blue), Q (orange)']);
  var tp = panel(root, L.terms, [0, n], [-1, 2],
                 ['outcome', 'terms of D(P‖Q) (blue), D(Q‖P) (orange), ' + d.unit]);
  [bp, tp].forEach(function (p) {
    p.g.querySelectorAll('.axis text[text-anchor="middle"]').forEach(function (t) {
      if (!t.classList.contains('label')) t.remove();
    });
    for (var k = 0; k < n; k++)
      text(p.g, p.sx(k + 0.5), p.sy.r[0] + 18, d['label' + k], {'text-anchor': 'middle'});
  });
  svg('line', {x1: tp.sx.r[0], x2: tp.sx.r[1], y1: tp.sy(0), y2: tp.sy(0), 'class': 'zero'}, tp.g);
  var bw = (bp.sx(1) - bp.sx(0)) * 0.36, bars = [], tbars = [];
  ['p', 'q'].forEach(function (which, side) {
    for (var k = 0; k < n; k++) {
      var r = svg('rect', {'class': 'bar bar-' + which, style: 'fill:' + (side ? ORANGE : BLUE),
                           tabindex: 0, role: 'slider', 'aria-valuemin': 0,
                           'aria-valuemax': 1, 'data-dist': which, 'data-k': k,
                           'aria-label': which.toUpperCase() + '(' + d['label' + k] + ')',
                           x: bp.sx(k + 0.5) + (side ? 2 : -bw - 2), width: bw}, bp.g);
      bars.push(r);
      tbars.push(svg('rect', {'class': 'tbar', style: 'fill:' + (side ? ORANGE : BLUE),
                              x: tp.sx(k + 0.5) + (side ? 2 : -bw - 2), width: bw}, tp.g));
    }
  });
  var labels = bars.map(function () {
    return text(bp.g, 0, 0, '', {'text-anchor': 'middle', 'class': 'value'});
  });
  var tlabels = tbars.map(function () {   /* for terms beyond the axis */
    return text(tp.g, 0, 0, '', {'text-anchor': 'middle', 'class': 'value'});
  });
  st.draw = function (tp_, tq) {
    var terms = tp_.concat(tq);
    bars.forEach(function (r, b) {
      var v = st[b < n ? 'p' : 'q'][b % n], x = Number(r.getAttribute('x'));
      r.setAttribute('y', bp.sy(v));
      r.setAttribute('height', Math.max(0, bp.sy(0) - bp.sy(v)));
      r.setAttribute('aria-valuenow', v);
      r.setAttribute('aria-valuetext', fmt(v, 3));
      labels[b].setAttribute('x', x + bw / 2);
      labels[b].setAttribute('y', bp.sy(v) - 4);
      labels[b].textContent = fmt(v, 2);
      var t = Math.max(-1, Math.min(2, terms[b]));
      tbars[b].setAttribute('y', tp.sy(Math.max(0, t)));
      tbars[b].setAttribute('height', Math.abs(tp.sy(t) - tp.sy(0)));
      tlabels[b].setAttribute('x', Number(tbars[b].getAttribute('x')) + bw / 2);
      tlabels[b].setAttribute('y', t > 0 ? tp.sy(t) - 4 : tp.sy(t) + 13);
      tlabels[b].textContent = t === terms[b] ? '' : fmt(terms[b], 2);
    });
  };
  barsEvents(root, bp, st, d);
}

/* Dragging a bar (pointer capture) and stepping it with the arrow keys. */
function barsEvents(root, bp, st, d) {
  function move(ev) {
    if (!st.drag) return;
    var r = st.drag;
    st.set(r.getAttribute('data-dist'), Number(r.getAttribute('data-k')),
           bp.sy.inv(local(root, ev).y));
  }
  root.addEventListener('pointerdown', function (ev) {
    var r = ev.target;
    if (!r.classList || !r.classList.contains('bar')) return;
    ev.preventDefault();
    r.setPointerCapture(ev.pointerId);
    st.drag = r;
    r.focus();
    move(ev);
  });
  root.addEventListener('pointermove', move);
  root.addEventListener('pointerup', function () { st.drag = null; });
  root.addEventListener('keydown', function (ev) {
    var r = ev.target, s = keystep(ev);
    if (!s || !r.classList.contains('bar')) return;
    ev.preventDefault();
    var which = r.getAttribute('data-dist'), k = Number(r.getAttribute('data-k'));
    var v = Math.round((st[which][k] + s[1] * d.step) / d.step) * d.step;
    st.set(which, k, v);
  });
}

function barsExplorer(el, d) {
  var st = {p: d.p.slice(), q: d.q.slice()};
  var out = frame(el, d, 'drag a bar, or focus it (Tab) and use the up and ' +
                  'down arrow keys');
  var table = html('table', {'class': 'explorer-table', tabindex: 0}, el);   /* it may scroll */
  st.set = function (which, k, v) {
    setMass(st[which], k, Number(fmt(v, 12).replace('−', '-')));
    st.show();
  };
  st.show = function () {
    var P = st.p, Q = st.q, u = ' ' + d.unit, g = d.digits;
    var v = [discrete.entropy(P), discrete.cross(P, Q), discrete.divergence(P, Q),
             discrete.divergence(Q, P)];
    var tp = discrete.terms(P, Q), tq = discrete.terms(Q, P);
    say(out, ['H(P) = ', [fmt(v[0], g)], u + ';  H(P,Q) = ', [fmt(v[1], g)],
              u + ';  D(P‖Q) = ', [fmt(v[2], g)], u + ';  D(Q‖P) = ', [fmt(v[3], g)], u]);
    table.textContent = '';
    var head = html('tr', {}, html('thead', {}, table));
    ['outcome', 'p', 'q', 'p log₂(p/q)', 'q log₂(q/p)'].forEach(function (h) {
      html('th', {scope: 'col'}, head, h);
    });
    var body = html('tbody', {}, table);
    for (var k = 0; k < d.n; k++) {
      var tr = html('tr', {}, body);
      [d['label' + k], fmt(P[k], 3), fmt(Q[k], 3), fmt(tp[k], g), fmt(tq[k], g)]
        .forEach(function (c) { html('td', {}, tr, c); });
    }
    if (st.draw) st.draw(tp, tq);
  };
  responsive(el, function (w) {
    var old = el.querySelector('svg');
    if (old) old.remove();
    drawBars(el, d, st, w);
    st.show();
  });
  return out;
}

/* ---- kind "fit" ------------------------------------------------------------ */

/* One slider of the fit explorer: index into VALUES, named NAME. */
function slider(el, name, values, at, onchange) {
  var lab = html('label', {'class': 'explorer-slider'}, el, name + ' ');
  var r = html('input', {type: 'range', min: 0, max: values.length - 1, step: 1,
                         value: at, 'aria-label': name}, lab);
  r.addEventListener('input', function () { onchange(Number(r.value)); });
  return r;
}

function drawFit(el, d, st, w) {
  var nw = d.w.length, nx = d.x.length, box = {x: 0, y: 0, w: w, h: Math.min(320, 0.6 * w + 80)};
  var top = Math.max.apply(null, d.curve) * 1.15;
  var root = svg('svg', {viewBox: '0 0 ' + w + ' ' + box.h, width: '100%',
                         'class': 'explorer-svg', role: 'img', 'aria-label': d.title});
  el.insertBefore(root, el.querySelector('.explorer-slider'));
  var p = panel(root, box, [d.x[0], d.x[nx - 1]], [0, top], ['x', 'density']);
  var mix = svg('path', {'class': 'curve curve-mix', style: 'stroke:' + GREY}, p.g);
  var fwd = svg('path', {'class': 'curve curve-fwd', style: 'stroke:' + BLUE}, p.g);
  var rev = svg('path', {'class': 'curve curve-rev', style: 'stroke:' + VERM}, p.g);
  st.draw = function () {
    var at = st.k * nw + st.j, f = d.fits.slice(6 * at, 6 * at + 6);
    mix.setAttribute('d', line(p, d.x, d.curve.slice(nx * at, nx * at + nx)));
    var ok = d.fitted[at] === 1;
    fwd.setAttribute('d', ok ? line(p, d.x, density(d, f[0], f[1], d.x)) : '');
    rev.setAttribute('d', ok ? line(p, d.x, density(d, f[3], f[4], d.x)) : '');
  };
  st.draw();
}

function fitExplorer(el, d) {
  var nw = d.w.length, g = d.digits;
  var st = {k: nearest(d.sep, d.probe_sep), j: nearest(d.w, d.probe_w)};
  var out = frame(el, d, 'move the sliders (or use the arrow keys on them): the ' +
                  'separation of the bumps and the weight of the first');
  function show() {
    var at = st.k * nw + st.j, f = d.fits.slice(6 * at, 6 * at + 6);
    var head = ['separation ', [fmt(d.sep[st.k], g)], ', weight ', [fmt(d.w[st.j], g)]];
    if (d.fitted[at] !== 1)
      say(out, head.concat([':  the bumps are so alike that the program\'s quadrature ' +
                            'could not reach its tolerance; no fit here']));
    else
      say(out, head.concat([':  forward fit N(', [fmt(f[0], g)], ', ', [fmt(f[1], g)],
              '²), D(p‖q) = ', [fmt(f[2], g)], ' nats;  reverse fit N(',
              [fmt(f[3], g)], ', ', [fmt(f[4], g)], '²), D(q‖p) = ', [fmt(f[5], g)], ' nats']));
    if (st.draw) st.draw();
  }
  slider(el, 'separation of the bumps', d.sep, st.k, function (k) { st.k = k; show(); });
  slider(el, 'weight of the first bump', d.w, st.j, function (j) { st.j = j; show(); });
  legend(el, [[GREY, 'the mixture p'],
              [BLUE, 'forward fit, min D(p‖q): covers both bumps'],
              [VERM, 'reverse fit, min D(q‖p): sits on one']]);
  responsive(el, function (w) {
    var old = el.querySelector('svg');
    if (old) old.remove();
    drawFit(el, d, st, w);
  });
  show();
  return out;
}

/* ---- start ---------------------------------------------------------------- */

var KINDS = {map: mapExplorer, curve: curveExplorer, bars: barsExplorer, fit: fitExplorer};

function start() {
  var els = document.querySelectorAll('div.explorer');
  for (var k = 0; k < els.length; k++) {
    var el = els[k], data = el.querySelector('script[type="application/json"]');
    var d = JSON.parse(data.textContent);
    if (!KINDS[d.kind]) throw new Error('explorer ' + el.id + ': unknown kind ' + d.kind);
    KINDS[d.kind](el, d);
    el.setAttribute('data-ready', '1');
  }
}

window.KLX = {discrete: discrete, fmt: fmt, setMass: setMass};
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', start);
else
  start();
})();
