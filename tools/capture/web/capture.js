#!/usr/bin/env node
// Renders web pages with Debian's chromium (driven by playwright-core) and writes
// ScreenSpot-Pro rows whose boxes come from the DOM of the rendered page.
//
// usage: node capture.js --manifest FILE.json --out DIR [--only NAME,...] [--max-rows N] [--icon-share F]
//   manifest: [{ "name", "application", "path" (relative to a root), "root": "pages"|"/abs/dir",
//                "viewport": [w,h], "scale": 1|2|2.625|..., "theme": "light"|"dark", "scroll": px,
//                "mobile": true (phone/tablet emulation: touch, meta viewport, title-only row names, group "mobile") }]
//   writes DIR/images/<name>.png and DIR/rows.web.<name>.json (rows without final ids).
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');
const { chromium } = require('playwright-core');
const { selectRows } = require('../common/rows');

function parseArgs(argv) {
  const a = { maxRows: 10, only: null, iconShare: null };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i], v = argv[i + 1];
    if (k === '--manifest') { a.manifest = v; i++; }
    else if (k === '--out') { a.out = v; i++; }
    else if (k === '--only') { a.only = new Set(v.split(',')); i++; }
    else if (k === '--max-rows') { a.maxRows = parseInt(v, 10); i++; }
    else if (k === '--icon-share') {
      a.iconShare = parseFloat(v); i++;
      if (!(a.iconShare > 0 && a.iconShare <= 1)) throw new Error(`--icon-share must be in (0, 1], got ${v}`);
    }
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.manifest || !a.out) throw new Error('need --manifest FILE --out DIR');
  return a;
}

const MIME = { '.html': 'text/html', '.htm': 'text/html', '.css': 'text/css', '.js': 'text/javascript',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg', '.gif': 'image/gif' };

// Serves /<mount>/<file> from a set of local directories, so pages load over http://localhost
// like real sites (file:// would change how chromium treats scripts and fonts).
function startServer(mounts) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    const m = url.match(/^\/([^/]+)\/(.*)$/);
    const root = m && mounts[m[1]];
    const file = root && path.resolve(root, m[2]);
    if (!file || !file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end('not found'); return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Runs inside the page: every visible, unoccluded interactive element with its label and role.
// titleOnly: a phone list row prints a subtitle under its title ("Battery / 82% left"); people
// name the row by its title, so only the first line of the element's text is its name.
function extractElements({ titleOnly }) {
  const dpr = window.devicePixelRatio;
  const vw = window.innerWidth, vh = window.innerHeight;
  // Arrows and bullets around a label ("← Quick start") are decoration, not words a user says.
  const clean = (s) => (s || '').replace(/\s+/g, ' ').replace(/^[←→↑↓•·»«›‹ ]+|[←→↑↓•·»«›‹ ]+$/g, '').trim();
  const nameOf = (s) => clean(titleOnly ? (s || '').trim().split('\n')[0] : s);
  const SEL = 'a[href], button, input, select, textarea, summary, [role=button], [role=link], [role=tab],' +
    '[role=menuitem], [role=checkbox], [role=switch], [role=radio], [role=option], [onclick], [data-target]';
  const out = [];
  const seen = new Set();
  const isShown = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) < 0.1) return false;
    }
    return true;
  };
  const roleOf = (el) => {
    const r = el.getAttribute('role');
    if (r) return r;
    const tag = el.tagName.toLowerCase();
    if (tag === 'a') return 'link';
    if (tag === 'select') return 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'summary') return 'button';
    if (tag === 'input') {
      const t = (el.type || 'text').toLowerCase();
      if (t === 'checkbox' || t === 'radio') return t === 'checkbox' ? 'checkbox' : 'radio';
      if (['submit', 'button', 'reset', 'image'].includes(t)) return 'button';
      if (t === 'range') return 'slider';
      return 'textbox';
    }
    return 'button';
  };
  const labelFor = (el) => {
    if (el.id) {
      const l = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (l) return nameOf(l.innerText);
    }
    const wrap = el.closest('label');
    if (wrap) return nameOf(wrap.innerText);
    return '';
  };
  // Every visible piece of text on screen, so a label that is also printed elsewhere (a
  // "Preferences" link under a "Preferences" heading) can be recognised as ambiguous.
  const visibleText = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = clean(n.textContent).toLowerCase();
    if (!t || t.length > 60 || !n.parentElement || !isShown(n.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const b = range.getBoundingClientRect();
    if (b.width < 1 || b.bottom <= 0 || b.top >= vh || b.right <= 0 || b.left >= vw) continue;
    if (!visibleText.has(t)) visibleText.set(t, []);
    visibleText.get(t).push(n.parentElement);
  }
  // How often each of an element's possible names is printed outside it (and outside its label).
  const elsewhere = (el, name) => {
    const key = clean(name).toLowerCase();
    if (!key) return 0;
    const lab = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    const wrap = el.closest('label');
    // Text inside other interactive elements is not counted here: rows.js handles elements
    // sharing a name (ordinals or drop).
    return (visibleText.get(key) || []).filter((p) => !el.contains(p) && !(lab && lab.contains(p)) &&
      !(wrap && wrap.contains(p)) && !p.closest(SEL)).length;
  };
  for (const el of document.querySelectorAll(SEL)) {
    if (seen.has(el)) continue;
    const tag = el.tagName.toLowerCase();
    if (tag === 'input' && el.type === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width < 6 || r.height < 6) continue;
    if (r.left < 0 || r.top < 0 || r.right > vw || r.bottom > vh) continue;
    if (!isShown(el)) continue;
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const hit = document.elementFromPoint(cx, cy);
    if (!hit || !(hit === el || el.contains(hit) || (hit.tagName === 'LABEL' && labelFor(el) && hit.contains(el)))) continue;
    // Nested interactive elements: the inner one is the target; the outer is skipped.
    if (el.querySelector(SEL)) continue;
    seen.add(el);
    const role = roleOf(el);
    const aria = clean(el.getAttribute('aria-label') || el.getAttribute('title') || '');
    let text = '';
    if (tag === 'input' && ['submit', 'button', 'reset'].includes(el.type)) text = clean(el.value);
    else if (tag === 'select') text = clean(el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : '');
    else if (tag !== 'input' && tag !== 'textarea') text = nameOf(el.innerText);
    const placeholder = clean(el.getAttribute('placeholder'));
    const label = ['textbox', 'checkbox', 'switch', 'radio', 'combobox', 'slider'].includes(role) ? labelFor(el) : '';
    const hasGraphic = !!el.querySelector('svg, img') || el.tagName === 'IMG';
    // A lone symbol (×, ☰, ⋮) is a glyph, not a text label.
    const raw = (tag === 'input' || tag === 'select' || tag === 'textarea') ? '' : (el.innerText || '').replace(/\s+/g, '');
    const glyphOnly = raw.length > 0 && raw.length <= 2 && !/[A-Za-z0-9]/.test(raw);
    out.push({
      tag, role, text: glyphOnly ? '' : text, aria, placeholder, label, hasGraphic: hasGraphic || glyphOnly,
      elsewhere: Object.fromEntries([text, aria, placeholder, label].map((n) => [n.toLowerCase(), elsewhere(el, n)])),
      bbox: [Math.round(r.left * dpr), Math.round(r.top * dpr), Math.round(r.right * dpr), Math.round(r.bottom * dpr)],
    });
  }
  return { elements: out, dpr };
}

// Chooses the name an instruction uses and whether the target is a text or an icon target.
function describe(e) {
  if (e.role === 'textbox' || e.role === 'combobox' || e.role === 'slider') {
    const name = e.label || e.placeholder || e.aria;
    if (!name) return null;
    // A field shows text (its value, placeholder or the selected option), never a glyph.
    return { name, uiType: 'text', role: e.role };
  }
  if (e.role === 'checkbox' || e.role === 'switch' || e.role === 'radio') {
    const name = e.label || e.text || e.aria;
    return name ? { name, uiType: (e.label || e.text) ? 'text' : 'icon', role: e.role } : null;
  }
  if (e.text && e.text.length <= 40) return { name: e.text, uiType: 'text', role: e.role };
  if (!e.text && e.aria && e.hasGraphic) return { name: e.aria, uiType: 'icon', role: e.role };
  return null;
}

async function main() {
  const args = parseArgs(process.argv);
  const manifestDir = path.dirname(path.resolve(args.manifest));
  const pages = JSON.parse(fs.readFileSync(args.manifest, 'utf8')).filter((p) => !args.only || args.only.has(p.name));
  const mounts = { pages: path.join(__dirname, 'pages') };
  pages.forEach((p, i) => { if (p.root && p.root !== 'pages') mounts[`r${i}`] = path.resolve(manifestDir, p.root); });
  const server = await startServer(mounts);
  const port = server.address().port;
  // launch() gives chromium a fresh temporary profile (user-data-dir) that is deleted on close.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--font-render-hinting=none'],
  });
  fs.mkdirSync(path.join(args.out, 'images'), { recursive: true });
  try {
    for (const [i, p] of pages.entries()) {
      const mount = (!p.root || p.root === 'pages') ? 'pages' : `r${i}`;
      // A context per page: viewport and deviceScaleFactor are context settings.
      const context = await browser.newContext({ viewport: { width: p.viewport[0], height: p.viewport[1] },
        deviceScaleFactor: p.scale || 1, colorScheme: p.theme === 'dark' ? 'dark' : 'light',
        isMobile: !!p.mobile, hasTouch: !!p.mobile });
      // Pages render only from localhost: third-party docs that reference web fonts or CDNs
      // must not wait on the network (and the capture must not depend on it).
      await context.route('**/*', (route) => (route.request().url().startsWith(`http://127.0.0.1:${port}/`)
        ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/${mount}/${p.path}`, { waitUntil: 'load', timeout: 20000 });
      if (p.scroll) await page.evaluate((y) => window.scrollTo(0, y), p.scroll);
      await page.waitForTimeout(300);
      const info = await page.evaluate(extractElements, { titleOnly: !!p.mobile });
      const file = path.join(args.out, 'images', `${p.name}.png`);
      const png = await page.screenshot({ path: file, type: 'png' });
      // Fractional scales (2.625) leave the rounding of the image size to chromium: read it back.
      const size = [png.readUInt32BE(16), png.readUInt32BE(20)];
      // A name also printed as plain text elsewhere on screen is ambiguous: leave it out.
      const items = info.elements.map((e) => ({ ...describe(e), bbox: e.bbox, e }))
        .filter((x) => x.name && !(x.e.elsewhere[x.name.toLowerCase()] > 0))
        .map(({ e, ...x }) => x);
      const pageRows = selectRows({ ...p, group: p.mobile ? 'mobile' : 'web', platform: 'web', iconShare: args.iconShare }, items, p.maxRows || args.maxRows)
        .map((r) => ({ ...r, img_size: size }));
      console.error(`${p.name}: ${size[0]}x${size[1]} dpr=${info.dpr} elements=${info.elements.length} rows=${pageRows.length}`);
      // One rows file per page, so re-capturing a few pages (--only) keeps the others.
      fs.writeFileSync(path.join(args.out, `rows.web.${p.name}.json`), JSON.stringify(pageRows, null, 1));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => { console.error(`capture failed: ${e.message}`); process.exit(1); });
