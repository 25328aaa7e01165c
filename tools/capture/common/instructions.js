// ScreenSpot-style instructions from an element's name and role: short, varied verbs,
// sometimes just the label. Shared by the web and desktop capture tools.
'use strict';

const pick = (arr, rand) => arr[Math.floor(rand() * arr.length) % arr.length];

// Words that read naturally after a verb for well-known icon meanings.
const ICON_PHRASES = {
  close: ['close', 'close the dialog', 'close this panel'],
  search: ['search', 'the search icon', 'open search'],
  settings: ['settings', 'open settings', 'the settings icon'],
  menu: ['open the menu', 'menu', 'the hamburger menu'],
  back: ['go back', 'back', 'the back arrow'],
};

function iconInstruction(name, hint, rand) {
  const lower = name.toLowerCase();
  if (!hint && ICON_PHRASES[lower] && rand() < 0.5) return pick(ICON_PHRASES[lower], rand);
  const h = hint ? `the ${hint} ` : '';
  // Accessible names like "Download CSV" or "Show password" already read as actions.
  if (!hint && lower.includes(' ')) return pick([lower, `click ${lower}`, `${lower} icon`, `tap ${lower}`], rand);
  const forms = hint
    ? [`click ${h}${lower} icon`, `${h}${lower} button`, `tap ${h}${lower} icon`]
    : [`${lower}`, `click ${lower}`, `the ${lower} icon`, `${lower} button`, `tap the ${lower} icon`, `press ${lower}`];
  return pick(forms, rand);
}

function makeInstruction(name, role, uiType, hint, rand) {
  if (uiType === 'icon' && role !== 'textbox' && role !== 'combobox') return iconInstruction(name, hint, rand);
  const h = hint ? `the ${hint} ` : '';
  const n = name.replace(/[:*]+$/, '').trim();
  switch (role) {
    case 'textbox':
      return pick(hint ? [`click ${h}${n} field`] :
        [`the ${n} field`, `click the ${n} field`, `enter ${n}`, `type in the ${n} box`, `${n} input`], rand);
    case 'combobox':
      return pick([`open the ${n} dropdown`, `${h}${n} dropdown`, `choose ${n}`], rand);
    case 'checkbox':
      return pick([`select the ${n} checkbox`, `toggle ${n}`, `check ${n}`, `${h}${n} checkbox`], rand);
    case 'switch':
      return pick([`toggle ${n}`, `the ${n} switch`, `turn ${n} on or off`, `${h}${n} toggle`], rand);
    case 'radio':
      return pick([`select ${n}`, `choose the ${n} option`, `${h}${n} radio button`], rand);
    case 'cell':
      return pick(hint ? [`click ${h}${n}`, `select ${h}${n} entry`] : [`click ${n}`, `${n}`, `select ${n}`, `open ${n}`], rand);
    case 'slider':
      return pick([`the ${n} slider`, `drag the ${n} slider`], rand);
    case 'tab':
    case 'page tab':
      return pick(hint ? [`${h}${n} tab`] : [`go to ${n}`, `the ${n} tab`, `open the ${n} tab`, `switch to ${n}`], rand);
    case 'link':
      return pick(hint ? [`click ${h}${n} link`] : [`open ${n}`, `go to ${n}`, `click the ${n} link`, `${n}`, `follow ${n}`], rand);
    case 'menuitem':
    case 'menu item':
    case 'menu':
      return pick([`open ${n}`, `${h}${n} menu`, `click ${n} in the menu`, `select ${n}`], rand);
    default:
      return pick(hint ? [`click ${h}${n} button`, `press ${h}${n} button`] :
        [`click ${n}`, `${n}`, `press ${n}`, `click the ${n} button`, `tap ${n}`, `select ${n}`], rand);
  }
}

// Touch screens are tapped, not clicked: phone rows read "tap Battery", as in ScreenSpot's
// mobile split.
function forTouch(instruction) {
  return instruction.replace(/^click\b/, 'tap');
}

module.exports = { makeInstruction, forTouch };
