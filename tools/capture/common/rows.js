// Turns the labelled elements found on one screenshot into ScreenSpot-Pro rows: dedupes
// ambiguous labels, balances icon and text targets, and writes the instruction.
// Used by web/capture.js directly and by desktop/capture.py through the CLI below:
//   node rows.js ELEMENTS.json ROWS_OUT.json
// where ELEMENTS.json is [{ "page": {name, application, group, platform, maxRows, img_size},
//                           "items": [{name, role, uiType, bbox}] }].
'use strict';
const fs = require('fs');
const { makeInstruction, forTouch } = require('./instructions');

// Deterministic PRNG so a re-capture produces the same rows.
function rng(seed) {
  let s = 0;
  for (const ch of seed) s = (s * 31 + ch.charCodeAt(0)) >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 4294967296; };
}

function shuffle(arr, rand) {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const ORD = ['first', 'second', 'third'];

function selectRows(page, items, maxRows) {
  const key = (x) => x.name.toLowerCase();
  const groups = new Map();
  for (const x of items) {
    if (!groups.has(key(x))) groups.set(key(x), []);
    groups.get(key(x)).push(x);
  }
  const cands = [];
  for (const [, g] of groups) {
    if (g.length === 1) { cands.push({ ...g[0], hint: null }); continue; }
    // The same label on several elements is ambiguous: keep it only with an ordinal in
    // reading order, and only when the elements are few and of one role.
    if (g.length > 3 || !g.every((x) => x.role === g[0].role)) continue;
    g.sort((a, b) => (a.bbox[1] - b.bbox[1]) || (a.bbox[0] - b.bbox[0]));
    g.forEach((x, i) => cands.push({ ...x, hint: ORD[i] }));
  }
  const rand = rng(page.name);
  // Icons are rarer on a screen than text, so take them first, then fill with text targets.
  const icons = shuffle(cands.filter((c) => c.uiType === 'icon'), rand);
  const texts = shuffle(cands.filter((c) => c.uiType === 'text'), rand);
  // page.iconShare: the most of a screen's rows that may be icons (default 0.45).
  const nIcon = Math.min(icons.length, Math.ceil(maxRows * (page.iconShare || 0.45)));
  // Targets the manifest names (e.g. the login page's "Sign in") always get a row.
  const must = new Set((page.must || []).map((m) => m.toLowerCase()));
  const forced = cands.filter((c) => must.has(key(c)));
  const rest = (arr) => arr.filter((c) => !must.has(key(c)));
  const nIconRest = Math.max(0, nIcon - forced.filter((c) => c.uiType === 'icon').length);
  const chosen = forced.concat(rest(icons).slice(0, nIconRest));
  chosen.push(...rest(texts).slice(0, Math.max(0, maxRows - chosen.length)));
  const phrase = page.mobile ? forTouch : (s) => s;
  return chosen.map((c) => ({
    img_filename: `${page.name}.png`,
    bbox: c.bbox,
    instruction: phrase(makeInstruction(c.name, c.role, c.uiType, c.hint, rand)),
    ui_type: c.uiType,
    group: page.group,
    platform: page.platform,
    application: page.application,
    ...(page.img_size ? { img_size: page.img_size } : {}),
  }));
}

module.exports = { selectRows };

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) { console.error('usage: node rows.js ELEMENTS.json ROWS_OUT.json'); process.exit(2); }
  const screens = JSON.parse(fs.readFileSync(input, 'utf8'));
  const rows = screens.flatMap((s) => selectRows(s.page, s.items, s.page.maxRows || 10));
  fs.writeFileSync(output, JSON.stringify(rows, null, 1));
}
