// Users: find a buyer by name or id, top up their balance (journalled, with a reason) and read the
// balance journal.
import {enc, get, post} from './api.js';
import {act, confirmed, el, field, link, loading, money, problemBox, replace, table, time, toast, toMinor} from './view.js';

export async function usersPage(main, params) {
  const name = el('input', {id: 'find-user', name: 'username', autocomplete: 'off', required: true, maxlength: 64,
    value: params.get('username') || ''});
  const resultBox = el('div', {id: 'user-results'});
  const button = el('button', {type: 'submit', id: 'find-user-go'}, 'Find');
  const form = el('form', {class: 'inline', role: 'search', on: {submit: async (event) => {
    event.preventDefault();
    const text = name.value.trim();
    if (/^#?[0-9]{1,18}$/.test(text) && text.startsWith('#')) {
      location.hash = '#/users/' + text.slice(1);
      return;
    }
    await act(button, resultBox, async () => {
      const found = await get('/api/v1/admin/users?username=' + enc(text));
      replace(resultBox, found.items.length
        ? table('Users named ' + text, [
          ['Id', (u) => String(u.userId)],
          ['Name', (u) => link('#/users/' + u.userId, u.username)],
          ['Balance', (u) => money(u.balance, u.currency)],
          ['Since', (u) => time(u.createdAt)],
        ], found.items)
        : el('p', {class: 'empty'}, 'No user is named ' + text + '.'));
    });
  }}}, field('Username (or #id)', name), button);
  replace(main, el('div', {class: 'heading'}, el('h1', {}, 'Users')), form, resultBox);
  name.focus();
  if (name.value) form.requestSubmit();
}

export async function userPage(main, id) {
  const body = el('div', {id: 'user-detail'});
  replace(main, el('p', {}, link('#/users', '← Users')), body);

  async function reload() {
    loading(body, 'Loading the user…');
    let user;
    let journal;
    try {
      [user, journal] = await Promise.all([get('/api/v1/admin/users/' + enc(id)),
        get('/api/v1/admin/users/' + enc(id) + '/balance/journal')]);
    } catch (e) {
      replace(body, problemBox(e));
      return;
    }
    const amount = el('input', {id: 'top-up-amount', name: 'amount', inputmode: 'decimal', required: true, autocomplete: 'off'});
    const reason = el('input', {id: 'top-up-reason', name: 'reason', required: true, maxlength: 100, autocomplete: 'off'});
    const errorBox = el('div', {id: 'top-up-error'});
    const button = el('button', {type: 'submit', id: 'top-up'}, 'Top up');
    const form = el('form', {class: 'card form', on: {submit: async (event) => {
      event.preventDefault();
      const minor = toMinor(amount.value, user.currency);
      if (!(await confirmed('Add ' + (minor === null ? amount.value : money(minor, user.currency)) + ' to the balance of '
        + user.username + '?'))) return;
      const done = await act(button, errorBox, () => post('/api/v1/admin/users/' + enc(id) + '/balance',
        {amount: minor === null ? amount.value : minor, reason: reason.value}));
      if (done) {
        toast(user.username + ' now has ' + money(done.balance, done.currency));
        await reload();
      }
    }}}, el('h2', {}, 'Top up'), field('Amount (' + user.currency + ')', amount), field('Reason', reason), errorBox, button);
    replace(body,
      el('div', {class: 'heading'}, el('h1', {id: 'user-name'}, user.username)),
      el('p', {class: 'hint'}, 'User ' + user.userId + ' · registered ' + time(user.createdAt)),
      el('p', {}, 'Balance: ', el('strong', {id: 'user-balance'}, money(user.balance, user.currency))),
      form,
      el('h2', {}, 'Balance journal'),
      table('Balance journal, newest first', [
        ['When', (e) => time(e.at)],
        ['Change', (e) => (e.delta > 0 ? '+' : '') + money(e.delta, e.currency)],
        ['Reason', (e) => e.reason],
        // An order's payment or refund names the order: open it from here.
        ['Reference', (e) => (/^[0-9]{8,32}$/.test(e.reference) ? link('#/orders/' + e.reference, e.reference) : e.reference)],
      ], journal.items, 'No balance changes yet.'));
  }
  await reload();
}
