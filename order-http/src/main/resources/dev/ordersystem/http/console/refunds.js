// An order's refunds (DESIGN §14): what is left to refund, a form that refunds part of it (items and
// quantities, or an amount) or everything left, and every refund with its state. The form's values
// live in a draft the order page keeps across its reloads: a refused refund re-reads the order (it may
// have moved) and the operator corrects what was typed instead of typing it again.
import {enc, post} from './api.js';
import {act, confirmed, el, field, money, statusBadge, table, time, toast, toMinor} from './view.js';

/** Statuses a refund can start from: a whole refund needs PAID, part of one may follow shipping. */
const REFUNDABLE = ['PAID', 'SHIPPED', 'COMPLETED'];

/** What the operator has typed into the refund form so far. */
export function refundDraft() {
  return {quantities: new Map(), amount: '', reason: '', restock: true};
}

/**
 * One entry per product of the order with the units no refund has named yet. Every order refund
 * counts, failed or not (its stock decision was taken when it was recorded); late-payment refunds
 * give back another payment and name no units.
 */
function products(order, refunds) {
  const named = new Map();
  for (const refund of refunds) {
    if (refund.purpose !== 'ORDER') continue;
    for (const line of refund.items) named.set(line.productId, (named.get(line.productId) || 0) + line.quantity);
  }
  const byProduct = new Map();
  for (const item of order.items) {
    const known = byProduct.get(item.productId);
    if (known) known.ordered += item.quantity;
    else byProduct.set(item.productId, {productId: item.productId, name: item.productName, unitPrice: item.unitPrice, ordered: item.quantity});
  }
  return [...byProduct.values()].map((p) => ({...p, left: Math.max(0, p.ordered - (named.get(p.productId) || 0))}));
}

/** The request the draft makes, or undefined (no body) for everything left back to stock, as the route takes it. */
function requestOf(order, draft) {
  const items = [...draft.quantities].filter(([, units]) => Number(units) > 0)
    .map(([productId, units]) => ({productId, quantity: Number(units)}));
  const body = {};
  if (items.length) body.items = items;
  if (draft.amount.trim()) {
    const minor = toMinor(draft.amount, order.currency);
    // Not an amount: sent as typed, so the API names the field and says why.
    body.amount = minor === null ? draft.amount.trim() : minor;
  }
  if (draft.reason.trim()) body.reason = draft.reason.trim();
  if (order.status === 'PAID' && !draft.restock) body.restock = false;
  return Object.keys(body).length ? body : undefined;
}

/** What the draft refunds, in words: shown under the form and asked in the confirmation. */
function describe(order, parts, draft) {
  const c = order.currency;
  const request = requestOf(order, draft) || {};
  const units = (request.items || []).reduce((sum, line) => sum + line.quantity, 0);
  const itemsAmount = (request.items || []).reduce((sum, line) =>
    sum + line.quantity * parts.find((p) => p.productId === line.productId).unitPrice, 0);
  const unitWords = units + (units === 1 ? ' unit' : ' units');
  let what;
  if (typeof request.amount === 'number') what = money(request.amount, c) + (units ? ' for ' + unitWords : '');
  else if (request.amount !== undefined) what = '"' + request.amount + '" (not an amount in ' + c + ')';
  else if (units) what = money(itemsAmount, c) + ', the price of ' + unitWords;
  else if (order.status === 'PAID') what = 'everything left, ' + money(order.payAmount - order.refundedAmount, c);
  else return 'Pick units or type an amount: after shipping an order is refunded in part only.';
  const stock = order.status !== 'PAID' ? 'nothing goes back to stock (shipped)'
    : draft.restock ? (units || !request.amount ? 'the units go back to stock' : 'no units named, none go back to stock')
      : 'the units stay out of stock';
  return 'Refunds ' + what + '; ' + stock + '.';
}

function refundForm(order, refunds, draft, errorBox, reload) {
  const c = order.currency;
  const left = order.payAmount - order.refundedAmount;
  const parts = products(order, refunds);
  const preview = el('p', {id: 'refund-preview', class: 'hint', 'aria-live': 'polite'});
  const update = () => { preview.textContent = describe(order, parts, draft); };
  const quantities = parts.map((p) => {
    const input = el('input', {id: 'refund-qty-' + p.productId, name: 'quantity', type: 'number', min: 0, max: p.left, step: 1,
      inputmode: 'numeric', value: draft.quantities.get(p.productId) || '0', disabled: p.left === 0});
    input.addEventListener('input', () => { draft.quantities.set(p.productId, input.value); update(); });
    return field(p.name + ' — ' + p.left + ' of ' + p.ordered + ' left, ' + money(p.unitPrice, c) + ' each', input);
  });
  const amount = el('input', {id: 'refund-amount', name: 'amount', inputmode: 'decimal', autocomplete: 'off', value: draft.amount,
    placeholder: 'the units\' price, or everything left'});
  amount.addEventListener('input', () => { draft.amount = amount.value; update(); });
  const reason = el('input', {id: 'refund-reason', name: 'reason', maxlength: 80, autocomplete: 'off', value: draft.reason});
  reason.addEventListener('input', () => { draft.reason = reason.value; });
  const restock = order.status === 'PAID'
    ? el('input', {id: 'refund-restock', name: 'restock', type: 'checkbox', checked: draft.restock}) : null;
  if (restock) restock.addEventListener('change', () => { draft.restock = restock.checked; update(); });
  const button = el('button', {type: 'submit', id: 'refund', class: 'danger'}, 'Refund');
  update();
  return el('form', {id: 'refund-form', class: 'card form', 'aria-label': 'Refund', on: {submit: async (event) => {
    event.preventDefault();
    if (!(await confirmed('Order ' + order.orderNo + ': ' + describe(order, parts, draft) + ' Go ahead?'))) return;
    const done = await act(button, errorBox, () => post('/api/v1/admin/orders/' + enc(order.orderNo) + '/refund', requestOf(order, draft)));
    if (done) {
      const r = done.refund;
      toast('Refund ' + r.refundNo + ': ' + money(r.amount, r.currency) + ', ' + r.state);
      Object.assign(draft, refundDraft());
      await reload({answer: r});
    } else {
      // Refused: the order or its refunds may have moved meanwhile; show them as they are now, with the refusal in view.
      await reload({keepError: true});
      errorBox.scrollIntoView({block: 'center'});
    }
  }}},
  el('p', {id: 'refund-left'}, 'Left to refund: ', el('strong', {}, money(left, c)), ' of ', money(order.payAmount, c), ' paid.'),
  quantities.length ? el('div', {class: 'columns'}, quantities) : null,
  field('Amount (' + c + '), instead of the units\' price', amount),
  field('Reason (the payer sees it)', reason),
  restock ? el('label', {class: 'check'}, restock, ' Put the units back in stock')
    : el('p', {class: 'hint'}, 'Shipped: refunded units stay with the buyer, nothing goes back to stock.'),
  preview, errorBox, button);
}

/** The answer to the refund just made: its number and state, or the provider's refusal. */
function answerBox(refund) {
  const failed = refund.state === 'FAILED';
  return el('div', {id: 'refund-answer', class: failed ? 'problem' : 'card answer', role: failed ? 'alert' : 'status'},
    'Refund ', el('code', {}, refund.refundNo), ' of ', money(refund.amount, refund.currency), ': ', statusBadge(refund.state),
    failed ? ' — the provider refused (' + refund.failure + '); the money stays.'
      : refund.state === 'PENDING' ? ' — the provider has not settled it yet; Refresh shows where it stands.' : '');
}

function refundsTable(order, refunds) {
  const names = new Map(order.items.map((i) => [i.productId, i.productName]));
  return table('Refunds of order ' + order.orderNo + ', oldest first', [
    ['Refund no.', (r) => el('code', {}, r.refundNo)],
    ['Amount', (r) => money(r.amount, r.currency)],
    ['State', (r) => statusBadge(r.state)],
    ['Reason', (r) => [r.purpose === 'LATE_PAYMENT' ? 'late payment' : r.reason || '—',
      r.failure ? el('span', {class: 'failure'}, 'Failed: ' + r.failure) : null]],
    ['Units', (r) => r.items.map((l) => l.quantity + ' × ' + (names.get(l.productId) || 'product ' + l.productId)).join(', ')
      || 'amount only'],
    ['Stock', (r) => (r.items.length ? (r.restock ? 'restocked' : 'not restocked') : '')],
    ['Provider', (r) => [r.method, r.providerState].filter(Boolean).join(': ')],
    ['Created', (r) => time(r.createdAt)],
    ['Finished', (r) => (r.endedAt ? time(r.endedAt) : r.nextTryAt ? 'next try ' + time(r.nextTryAt) : '')],
  ], refunds, 'No refunds.');
}

/** The order page's refund section; {@code answer} is the refund the form just made, if any. */
export function refundSection(order, refunds, {draft, errorBox, reload, answer}) {
  const open = REFUNDABLE.includes(order.status) && order.payAmount - order.refundedAmount > 0;
  const refresh = el('button', {type: 'button', id: 'refresh-refunds', class: 'quiet'}, 'Refresh');
  refresh.addEventListener('click', () => reload());
  return el('section', {'aria-label': 'Refunds'},
    el('div', {class: 'heading'}, el('h2', {}, 'Refunds'), refresh),
    answer ? answerBox(answer) : null,
    open ? refundForm(order, refunds, draft, errorBox, reload)
      : el('p', {class: 'hint', id: 'refund-left'}, order.status === 'REFUNDED' || REFUNDABLE.includes(order.status)
        ? 'Nothing left to refund.' : 'An order in ' + order.status + ' has nothing to refund.'),
    el('div', {id: 'refunds'}, refundsTable(order, refunds)));
}
