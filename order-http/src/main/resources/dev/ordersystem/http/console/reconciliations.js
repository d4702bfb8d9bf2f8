// Reconciliation (DESIGN §14): the runs, newest first and cursor-paged, one run on demand for a
// channel's day, and one run's report with every difference the providers' bill showed and what
// was done about it. A day is reconciled once: asking again answers the stored report.
import {enc, get, post, query} from './api.js';
import {act, confirmed, el, field, link, loading, money, pager, problemBox, replace, statusBadge, table, time, toast} from './view.js';

const CHANNELS = [['WECHAT', 'WeChat Pay'], ['ALIPAY', 'Alipay']];

/** What each kind of difference means (DifferenceKind). */
const KINDS = {
  PAID_ONLY_AT_PROVIDER: 'paid at the provider, no payment here (a lost notification)',
  RECORDED_ONLY_HERE: 'a payment here the bill does not have',
  AMOUNT_DIFFERS: 'the bill\'s amount differs from the payment\'s or the trade\'s',
  REFUND_ONLY_AT_PROVIDER: 'a refund on the bill with no refund here',
  REFUND_ONLY_HERE: 'a refund here the bill does not have',
  REFUND_AMOUNT_DIFFERS: 'a refund on both sides with other amounts',
};

/** What the run did about it (DifferenceAction). */
const ACTIONS = {
  APPLIED_PAID: 'applied: the pending order is now PAID',
  APPLIED_LATE_PAYMENT: 'applied: the order could no longer take it, recorded as a late payment (refund required)',
  APPLIED_MISMATCH: 'applied: recorded as an amount mismatch, the order left as it was',
  APPLIED_UNMATCHED: 'applied: no such order, recorded as unmatched',
  APPLIED_BEFORE: 'recorded before: nothing applied again',
  FLAGGED_BUSY: 'flagged: the order was being paid at that moment',
  FLAGGED: 'flagged for a person: nothing changed',
};

/** Today's date where the providers cut their bills (China time), as yyyy-MM-dd. */
function chinaToday() {
  return new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit'})
    .format(new Date());
}

/** What the provider's bill held: "1 payment, 2 refunds". */
function onTheBill(r) {
  const count = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');
  return count(r.providerPayments, 'payment') + ', ' + count(r.providerRefunds, 'refund');
}

function explained(code, meanings) {
  return [el('code', {class: 'term'}, code), meanings[code] ? el('span', {class: 'hint meaning'}, meanings[code]) : null];
}

export async function reconciliationsPage(main, params) {
  const cursor = params.get('cursor') || '';
  const channel = el('select', {id: 'reconcile-channel', name: 'channel'},
    CHANNELS.map(([value, label]) => el('option', {value}, label)));
  const date = el('input', {id: 'reconcile-date', name: 'date', type: 'date', required: true, value: chinaToday()});
  const errorBox = el('div', {id: 'reconcile-error'});
  const button = el('button', {type: 'submit', id: 'reconcile'}, 'Reconcile');
  const form = el('form', {class: 'card form', 'aria-label': 'Reconcile a day', on: {submit: async (event) => {
    event.preventDefault();
    const day = date.value;
    if (!(await confirmed('Download the ' + channel.value + ' bill of ' + day + ' and compare it with the records? '
      + 'Payments only the provider has are applied; the rest is listed.'))) return;
    const report = await act(button, errorBox, () => post('/api/v1/admin/reconciliations', {channel: channel.value, date: day}));
    if (report) {
      toast(report.channel + ' ' + report.date + ': ' + (report.state === 'RUNNING' ? 'another instance is running it'
        : report.differenceCount + (report.differenceCount === 1 ? ' difference' : ' differences')));
      location.hash = '#/reconciliations/' + report.id;
    }
  }}},
  el('h2', {}, 'Reconcile a day'),
  el('div', {class: 'inline'}, field('Channel', channel), field('Bill day (China time)', date), button),
  el('p', {class: 'hint'}, 'The providers cut a day\'s bill the next morning (the daily run takes yesterday); '
    + 'a day reconciled before answers its stored report, nothing is applied twice.'),
  errorBox);
  const listBox = el('div', {id: 'reconciliations-list'});
  replace(main, el('div', {class: 'heading'}, el('h1', {}, 'Reconciliation')), form, el('h2', {}, 'Runs'), listBox);
  loading(listBox, 'Loading the runs…');
  try {
    const page = await get('/api/v1/admin/reconciliations' + query({cursor, limit: 20}));
    replace(listBox, table('Reconciliations, newest first', [
      ['Run', (r) => link('#/reconciliations/' + r.id, '#' + r.id)],
      ['Channel', (r) => r.channel],
      ['Bill day', (r) => r.date],
      ['State', (r) => statusBadge(r.state)],
      ['Differences', (r) => String(r.differenceCount)],
      ['On the bill', (r) => onTheBill(r)],
      ['Started', (r) => time(r.startedAt)],
      ['Finished', (r) => time(r.finishedAt)],
    ], page.items, 'No reconciliations yet.'),
    pager('#/reconciliations', {}, cursor, page.nextCursor));
  } catch (e) {
    replace(listBox, problemBox(e));
  }
}

export async function reconciliationPage(main, id) {
  const body = el('div', {id: 'reconciliation-detail'});
  replace(main, el('p', {}, link('#/reconciliations', '← Reconciliation')), body);
  loading(body, 'Loading the report…');
  let r;
  try {
    r = await get('/api/v1/admin/reconciliations/' + enc(id));
  } catch (e) {
    replace(body, problemBox(e));
    return;
  }
  const amount = (minor, d) => (minor === null || minor === undefined ? '' : money(minor, d.currency));
  replace(body,
    el('div', {class: 'heading'}, el('h1', {}, 'Reconciliation #' + r.id + ': ' + r.channel + ' ' + r.date)),
    el('section', {class: 'card summary', 'aria-label': 'Summary'},
      el('dl', {},
        el('dt', {}, 'State'), el('dd', {id: 'reconciliation-state'}, statusBadge(r.state)),
        el('dt', {}, 'On the bill'), el('dd', {}, onTheBill(r)),
        el('dt', {}, 'Differences'), el('dd', {id: 'reconciliation-count'}, String(r.differenceCount)),
        el('dt', {}, 'Run by'), el('dd', {}, r.runner),
        el('dt', {}, 'Started'), el('dd', {}, time(r.startedAt)),
        el('dt', {}, 'Finished'), el('dd', {}, r.finishedAt ? time(r.finishedAt) : 'still running'))),
    el('h2', {}, 'Differences'),
    el('div', {id: 'differences'}, table('Differences between the ' + r.channel + ' bill and the records', [
      ['Kind', (d) => explained(d.kind, KINDS)],
      ['Action', (d) => explained(d.action, ACTIONS)],
      ['Trade', (d) => [d.outTradeNo, d.providerTradeNo].filter(Boolean).join(' · ')],
      ['Refund no.', (d) => d.outRefundNo || ''],
      ['Provider\'s amount', (d) => amount(d.providerAmount, d)],
      ['Our amount', (d) => amount(d.localAmount, d)],
      ['Detail', (d) => d.detail],
    ], r.differences || [], r.state === 'RUNNING' ? 'Still running: the differences come when it is done.'
      : 'None: every payment and refund on the bill matches the records.')));
}
