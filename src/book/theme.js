/* theme.js — the colour theme of a KL Workbook page, in every page's <head>
 * (typeset --head-script), so that it runs before anything is drawn: no
 * flash of the wrong theme.
 *
 * The reader's choice is "auto" (follow the system's prefers-color-scheme,
 * and its changes), "light" or "dark"; it is remembered in localStorage
 * (where the browser refuses storage, as some do for file:// pages, the
 * page simply starts in "auto").  The script sets
 *
 *     <html data-theme="light|dark" data-theme-choice="auto|light|dark">
 *
 * and report.css draws each theme from custom properties; without script,
 * report.css follows prefers-color-scheme by itself.  Print is always light
 * (the dark properties apply on screen only).
 *
 * The toggle is a button at the top right of the page, added by this
 * script (without script there is nothing to toggle): each press goes
 * auto → light → dark → auto.  Its accessible name says the current
 * choice ("Colour theme: auto (dark)"), and its title what a press does.
 * It is not an aria-pressed toggle: a button whose label states a choice
 * among three is not "pressed" or "not pressed". */
(function () {
'use strict';
var KEY = 'kl-workbook-theme', CHOICES = ['auto', 'light', 'dark'];
var ICON = {auto: '\u25d0', light: '\u2600', dark: '\u263e'};   /* ◐ ☀ ☾ */
var root = document.documentElement, button = null, choice = 'auto';
var system = null;
try {
  system = window.matchMedia('(prefers-color-scheme: dark)');
} catch (e) { /* an old browser: auto means light */ }

function stored() {
  try {
    var v = window.localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'auto';
  } catch (e) {
    return 'auto';
  }
}
function store(v) {
  try {
    if (v === 'auto') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, v);
  } catch (e) { /* not remembered; the page still switches */ }
}

function apply() {
  var theme = choice !== 'auto' ? choice : system && system.matches ? 'dark' : 'light';
  root.setAttribute('data-theme', theme);
  root.setAttribute('data-theme-choice', choice);
  if (!button) return;
  var next = CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length];
  var word = choice.charAt(0).toUpperCase() + choice.slice(1);
  button.firstChild.textContent = ICON[choice];
  button.lastChild.textContent = word;
  button.setAttribute('aria-label', 'Colour theme: ' + word +
                      (choice === 'auto' ? ' (' + theme + ')' : ''));
  button.title = 'Colour theme: ' + (choice === 'auto' ? 'as the system prefers (now ' +
                 theme + ')' : choice) + '. Press for ' +
                 (next === 'auto' ? 'the system\u2019s choice' : next) + '.';
  button.setAttribute('data-choice', choice);
}

function addButton() {
  if (button || !document.body) return;
  button = document.createElement('button');
  button.type = 'button';
  button.className = 'theme-toggle';
  var icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.className = 'theme-icon';
  button.appendChild(icon);
  button.appendChild(document.createElement('span'));
  button.addEventListener('click', function () {
    choice = CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length];
    store(choice);
    apply();
  });
  document.body.insertBefore(button, document.body.firstChild);
  apply();
}

choice = stored();
apply();
if (system) {
  if (system.addEventListener) system.addEventListener('change', apply);
  else if (system.addListener) system.addListener(apply);
}
/* the choice made in another tab of the book */
window.addEventListener('storage', function (e) {
  if (e.key === KEY || e.key === null) {
    choice = stored();
    apply();
  }
});
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', addButton);
else
  addButton();
})();
