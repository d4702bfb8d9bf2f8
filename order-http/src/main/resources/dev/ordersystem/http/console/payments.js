// Payments waiting for a person: amount mismatches, money for orders that could not take it
// (refund required) and payments for unknown orders; mark one refunded once the money went back.
import {enc, get, post, query} from './api.js';
import {act, confirmed, el, field, link, loading, money, pager, problemBox, replace, statusBadge, table, time, toast} from './view.js';

const KINDS = [['REFUND_REQUIRED', 'Refund required'], ['MISMATCH', 'Amount mismatch'], ['UNMATCHED', 'Unknown order']];

export async function paymentsPage(main, params) {
  const status = params.get('status') || 'REFUND_REQUIRED';
  const cursor = params.get('cursor') || '';
  const select = el('select', {id: 'payment-status'}, KINDS.map(([value, label]) => el('option', {value, selected: value === status}, label)));
  select.addEventListener('change', () => { location.hash = '#/payments' + query({status: select.value}); });
  const errorBox = el('div', {id: 'payments-error'});
  const listBox = el('div', {id: 'payments-list'});
  replace(main, el('div', {class: 'heading'}, el('h1', {}, 'Payments needing attention')),
    el('div', {class: 'toolbar'}, field('Kind', select)), errorBox, listBox);

  async function reload() {
    loading(listBox, 'Loading payments…');
    try {
      const page = await get('/api/v1/admin/payments' + query({status, cursor, limit: 20}));
      replace(listBox, table('Payments in ' + status, [
        ['Channel', (p) => p.channel],
        ['Trade', (p) => p.tradeNo],
        ['Order', (p) => link('#/orders/' + p.orderNo, p.orderNo)],
        ['Amount', (p) => money(p.amount, p.currency)],
        ['Status', (p) => statusBadge(p.status)],
        ['Recorded', (p) => time(p.recordedAt)],
        ['', (p) => {
          const button = el('button', {type: 'button', class: 'quiet'}, 'Mark refunded');
          button.addEventListener('click', async () => {
            if (!(await confirmed('Has ' + money(p.amount, p.currency) + ' of ' + p.channel + ' trade ' + p.tradeNo
              + ' gone back to the payer? It leaves this list.'))) return;
            const done = await act(button, errorBox, () => post('/api/v1/admin/payments/' + enc(p.channel) + '/' + enc(p.tradeNo) + '/refunded'));
            if (done) toast('Trade ' + p.tradeNo + ' marked refunded');
            await reload();
          });
          return button;
        }],
      ], page.items, 'Nothing waits here.'),
      pager('#/payments', {status}, cursor, page.nextCursor));
    } catch (e) {
      replace(listBox, problemBox(e));
    }
  }
  await reload();
}
