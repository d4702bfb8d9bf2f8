// The console's shell: sign-in, the navigation and a hash router (#/orders/…), so no page needs a
// server round trip to be found and the token never appears in a URL.
import {call, onSignedOut, session} from './api.js';
import {el, problemBox, replace} from './view.js';
import {dashboardPage} from './dashboard.js';
import {orderPage, ordersPage} from './orders.js';
import {paymentsPage} from './payments.js';
import {reconciliationPage, reconciliationsPage} from './reconciliations.js';
import {productPage, productsPage} from './products.js';
import {userPage, usersPage} from './users.js';
import {webhooksPage} from './webhooks.js';
import {webhookPage} from './deliveries.js';
import {eventsPage} from './events.js';

const main = document.getElementById('main');
const top = document.getElementById('top');

const routes = [
  [/^\/dashboard$/, () => dashboardPage(main)],
  [/^\/orders$/, (m, params) => ordersPage(main, params)],
  [/^\/orders\/([0-9]{8,32})$/, (m) => orderPage(main, m[1])],
  [/^\/payments$/, (m, params) => paymentsPage(main, params)],
  [/^\/reconciliations$/, (m, params) => reconciliationsPage(main, params)],
  [/^\/reconciliations\/([0-9]{1,19})$/, (m) => reconciliationPage(main, m[1])],
  [/^\/products$/, (m, params) => productsPage(main, params)],
  [/^\/products\/([0-9]{1,18})$/, (m) => productPage(main, m[1])],
  [/^\/users$/, (m, params) => usersPage(main, params)],
  [/^\/users\/([0-9]{1,18})$/, (m) => userPage(main, m[1])],
  [/^\/webhooks$/, () => webhooksPage(main)],
  [/^\/webhooks\/([0-9]{1,18})$/, (m, params) => webhookPage(main, m[1], params)],
  [/^\/events$/, (m, params) => eventsPage(main, params)],
];

function signInPage(reason) {
  top.hidden = true;
  const input = el('input', {type: 'password', id: 'token', name: 'token', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help'});
  const errorBox = el('div', {id: 'sign-in-error'});
  const button = el('button', {type: 'submit', id: 'sign-in'}, 'Sign in');
  const form = el('form', {class: 'card sign-in', on: {submit: async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    button.disabled = true;
    button.textContent = 'Checking…';
    errorBox.replaceChildren();
    try {
      // The dashboard is an admin route: it answers only to the right token.
      await call('GET', '/api/v1/admin/dashboard', undefined, token);
      session.signIn(token);
      input.value = '';
      if (!location.hash || location.hash === '#/' || location.hash === '#/sign-in') location.hash = '#/dashboard';
      else render();
    } catch (e) {
      errorBox.replaceChildren(problemBox(e));
      input.select();
    } finally {
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  }}},
  el('h1', {}, 'Order console'),
  el('label', {for: 'token'}, 'Admin token'),
  input,
  el('p', {id: 'token-help', class: 'hint'},
    'The ORDER_ADMIN_TOKEN of this server (bin/serve prints one generated for the run). It is kept for this browser tab only.'),
  reason ? el('p', {class: 'notice', role: 'status'}, reason) : null,
  errorBox,
  button);
  replace(main, form);
  input.focus();
}

function render() {
  if (!session.token()) {
    signInPage();
    return;
  }
  top.hidden = false;
  const [path, search] = (location.hash.replace(/^#/, '') || '/dashboard').split('?');
  const params = new URLSearchParams(search || '');
  for (const link of document.querySelectorAll('#nav a')) {
    const current = path.startsWith('/' + link.dataset.page);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const [pattern, page] of routes) {
    const match = pattern.exec(path);
    if (match) {
      page(match, params);
      return;
    }
  }
  location.hash = '#/dashboard';
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  location.hash = '#/sign-in';
  signInPage('Signed out.');
});
onSignedOut(() => {
  session.signOut();
  signInPage('The server refused the token (it may have been changed at restart): sign in again.');
});
window.addEventListener('hashchange', () => {
  render();
  main.focus({preventScroll: true});
});
render();
