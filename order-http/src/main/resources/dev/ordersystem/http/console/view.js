// Building the page: every value from the API goes in as text (text nodes, textContent), never as HTML.
import {query} from './api.js';

/**
 * An element: {@code attrs} are attributes (never event handlers or styles; {@code on} maps events to
 * listeners), children are nodes or strings (made text nodes), null and false are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) node.addEventListener(event, listener);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/** A table of {@code rows}; each column is [heading, row => cell content]. */
export function table(caption, columns, rows, empty = 'Nothing here.') {
  if (!rows.length) return el('p', {class: 'empty'}, empty);
  return el('div', {class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption},
    el('table', {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, columns.map(([heading]) => el('th', {scope: 'col'}, heading)))),
      el('tbody', {}, rows.map((row) => el('tr', {}, columns.map(([heading, cell]) =>
        el('td', {'data-label': heading}, cell(row))))))));
}

const fractionDigits = new Map();
function digitsOf(currency) {
  if (!fractionDigits.has(currency)) {
    let digits = 2;
    try {
      digits = new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions().maximumFractionDigits;
    } catch (unknown) {
      digits = 2;
    }
    fractionDigits.set(currency, digits);
  }
  return fractionDigits.get(currency);
}

/** Minor units as an amount: 123456 CNY → "1,234.56 CNY". */
export function money(minor, currency) {
  if (minor === null || minor === undefined) return '';
  const digits = digitsOf(currency);
  const value = Number(minor) / 10 ** digits;
  return value.toLocaleString('en', {minimumFractionDigits: digits, maximumFractionDigits: digits}) + ' ' + currency;
}

/** A typed amount ("12.5", "3") in minor units of {@code currency}; null when it is no amount. */
export function toMinor(text, currency) {
  const digits = digitsOf(currency);
  const match = /^\s*(-?)(\d{1,12})(?:\.(\d+))?\s*$/.exec(text);
  if (!match || (match[3] && match[3].length > digits)) return null;
  const fraction = (match[3] || '').padEnd(digits, '0');
  const minor = Number(match[2]) * 10 ** digits + (digits ? Number(fraction) : 0);
  return match[1] ? -minor : minor;
}

export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString('en-GB', {dateStyle: 'medium', timeStyle: 'medium'});
}

export function loading(container, what = 'Loading…') {
  replace(container, el('p', {class: 'loading', 'aria-busy': 'true'}, what));
}

/** The API's refusal as the console shows it: its detail, the fields it names, its code and request id. */
export function problemBox(error) {
  const problem = error.problem || {detail: String(error.message || error)};
  const fields = Array.isArray(problem.errors) ? problem.errors : [];
  return el('div', {class: 'problem', role: 'alert'},
    el('p', {class: 'detail'}, problem.detail || problem.title || error.message),
    fields.length ? el('ul', {}, fields.map((f) => el('li', {}, f.field + ': ' + f.message))) : null,
    el('p', {class: 'meta'}, [
      error.status ? 'HTTP ' + error.status : null,
      problem.code ? 'code ' + problem.code : null,
      error.requestId ? 'request ' + error.requestId : null,
    ].filter(Boolean).join(' · ')));
}

export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('shown'), 4000);
}

/** Asks in a modal dialog (keyboard: Tab between the buttons, Escape cancels); resolves true on Confirm. */
export function confirmed(message) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = message;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
    dialog.returnValue = 'cancel';
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}

/**
 * Runs {@code work} for a button or form: the button shows it is busy and cannot be pressed twice;
 * a refusal is shown in {@code errorBox} (the problem's detail), success clears it.
 */
export async function act(button, errorBox, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = 'Working…';
  errorBox.replaceChildren();
  try {
    return await work();
  } catch (e) {
    errorBox.replaceChildren(problemBox(e));
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}

export function field(label, input) {
  return el('label', {class: 'field'}, el('span', {}, label), input);
}

export function statusBadge(status) {
  return el('span', {class: 'badge status-' + String(status).toLowerCase()}, status);
}

export function link(href, text) {
  return el('a', {href}, text);
}

/** The links of a cursor-paged list at {@code hash}, its {@code filters} kept: back to the first page, on to the next. */
export function pager(hash, filters, cursor, nextCursor) {
  return el('nav', {class: 'pager', 'aria-label': 'Pages'},
    cursor ? link(hash + query(filters), 'First page') : null,
    nextCursor ? link(hash + query({...filters, cursor: nextCursor}), 'Next page') : null);
}
