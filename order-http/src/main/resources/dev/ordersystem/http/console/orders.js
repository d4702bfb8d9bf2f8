// Orders: a filtered, cursor-paged list, finding one by number, and one order's detail with its
// items, address, payments, refunds (refunds.js: the refund form and the order's refunds) and
// timeline, and the moves an admin makes (ship, complete, cancel, refund), each confirmed first and
// followed by a fresh read of the order.
import {enc, get, post, query} from './api.js';
import {act, confirmed, el, field, link, loading, money, pager, problemBox, replace, statusBadge, table, time, toast} from './view.js';
import {refundDraft, refundSection} from './refunds.js';

const STATUSES = ['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'REFUNDED'];

export async function ordersPage(main, params) {
  const status = params.get('status') || '';
  const cursor = params.get('cursor') || '';
  const statusSelect = el('select', {id: 'status-filter', name: 'status'},
    el('option', {value: ''}, 'All statuses'),
    STATUSES.map((s) => el('option', {value: s, selected: s === status}, s)));
  statusSelect.addEventListener('change', () => {
    location.hash = '#/orders' + query({status: statusSelect.value});
  });
  const numberInput = el('input', {id: 'find-order', name: 'orderNo', inputmode: 'numeric', autocomplete: 'off',
    placeholder: 'order number', pattern: '[0-9]{8,32}', title: '8 to 32 digits'});
  const findForm = el('form', {class: 'inline', role: 'search', on: {submit: (event) => {
    event.preventDefault();
    const number = numberInput.value.trim();
    if (number) location.hash = '#/orders/' + number;
  }}}, field('Find by number', numberInput), el('button', {type: 'submit', id: 'find-order-go'}, 'Open'));
  const listBox = el('div', {id: 'orders-list'});
  replace(main, el('div', {class: 'heading'}, el('h1', {}, 'Orders')),
    el('div', {class: 'toolbar'}, field('Status', statusSelect), findForm), listBox);
  loading(listBox, 'Loading orders…');
  try {
    const page = await get('/api/v1/admin/orders' + query({status, cursor, limit: 20}));
    const columns = [
      ['Order', (o) => link('#/orders/' + o.orderNo, o.orderNo)],
      ['Status', (o) => statusBadge(o.status)],
      ['User', (o) => link('#/users/' + o.userId, String(o.userId))],
      ['Total', (o) => money(o.totalAmount, o.currency)],
      ['Method', (o) => o.paymentMethod],
      ['Placed', (o) => time(o.createdAt)],
    ];
    replace(listBox, table('Orders' + (status ? ' in ' + status : ''), columns, page.items, 'No orders.'),
      pager('#/orders', {status}, cursor, page.nextCursor));
  } catch (e) {
    replace(listBox, problemBox(e));
  }
}

function addressBlock(a) {
  if (!a) return el('p', {class: 'hint'}, 'No address recorded (placed before orders kept one).');
  const lines = [a.recipient + ' · ' + a.phone, [a.province, a.city, a.district].filter(Boolean).join(' '), a.region,
    a.detail, a.postalCode].filter(Boolean);
  return el('address', {}, lines.map((line) => el('span', {class: 'line'}, line)));
}

/** The moves the order's status allows, each with its confirmation. */
function actions(order, reload, errorBox) {
  const no = order.orderNo;
  const move = (label, id, question, path, body) => {
    const button = el('button', {type: 'button', id, class: id.includes('cancel') ? 'danger' : ''}, label);
    button.addEventListener('click', async () => {
      if (!(await confirmed(question))) return;
      const done = await act(button, errorBox, () => post('/api/v1/admin/orders/' + enc(no) + path, body && body()));
      if (done) {
        toast(label + ': order ' + no + ' is ' + done.status);
        await reload();
      } else {
        // Refused: the order may have moved meanwhile; show it as it is now, keeping the refusal in view.
        await reload({keepError: true});
      }
    });
    return button;
  };
  const parts = [];
  if (order.status === 'PAID') {
    const carrier = el('input', {id: 'ship-carrier', name: 'carrier', autocomplete: 'off', maxlength: 32, required: true});
    const tracking = el('input', {id: 'ship-tracking', name: 'trackingNumber', autocomplete: 'off', maxlength: 64, required: true});
    const ship = move('Ship', 'ship', 'Ship order ' + no + '?', '/ship',
      () => ({carrier: carrier.value.trim(), trackingNumber: tracking.value.trim()}));
    parts.push(el('form', {class: 'inline', on: {submit: (e) => { e.preventDefault(); ship.click(); }}},
      field('Carrier', carrier), field('Tracking number', tracking), ship));
  }
  if (order.status === 'SHIPPED') parts.push(move('Complete', 'complete', 'Mark order ' + no + ' completed?', '/complete'));
  if (order.status === 'PENDING_PAYMENT') {
    parts.push(move('Cancel', 'cancel', 'Cancel order ' + no + ' and put its stock back?', '/cancel'));
  }
  if (!parts.length) {
    parts.push(el('p', {class: 'hint'}, 'No moves left for an order in ' + order.status
      + (order.status === 'COMPLETED' ? ' but a refund of part of it (below).' : '.')));
  }
  return el('div', {class: 'actions'}, parts);
}

export async function orderPage(main, orderNo) {
  const errorBox = el('div', {id: 'order-error'});
  const body = el('div', {id: 'order-detail'});
  replace(main, el('p', {}, link('#/orders', '← Orders')), el('div', {class: 'heading'}, el('h1', {}, 'Order ' + orderNo)),
    errorBox, body);

  // The refund form's values and its refusal outlive the reloads that re-read the order around them.
  const draft = refundDraft();
  const refundError = el('div', {id: 'refund-error'});

  /** {@code answer}: the refund the form just made, shown until the next reload. */
  async function reload({keepError = false, answer = null} = {}) {
    if (!keepError) {
      errorBox.replaceChildren();
      refundError.replaceChildren();
    }
    loading(body, 'Loading the order…');
    const base = '/api/v1/admin/orders/' + enc(orderNo);
    let order;
    let timeline;
    let payments;
    let refunds;
    try {
      [order, timeline, payments, refunds] = await Promise.all([get(base), get(base + '/timeline'), get(base + '/payments'),
        get(base + '/refunds')]);
    } catch (e) {
      replace(body, problemBox(e));
      return;
    }
    const c = order.currency;
    replace(body,
      el('section', {class: 'card summary', 'aria-label': 'Summary'},
        el('dl', {},
          el('dt', {}, 'Status'), el('dd', {id: 'order-status'}, statusBadge(order.status)),
          el('dt', {}, 'User'), el('dd', {}, link('#/users/' + order.userId, String(order.userId))),
          el('dt', {}, 'Total'), el('dd', {}, money(order.totalAmount, c)),
          el('dt', {}, 'To pay'), el('dd', {}, money(order.payAmount, c) + ' by ' + order.paymentMethod),
          el('dt', {}, 'Refunded'), el('dd', {id: 'order-refunded'}, money(order.refundedAmount, c)),
          el('dt', {}, 'Placed'), el('dd', {}, time(order.createdAt)),
          order.expiresAt && order.status === 'PENDING_PAYMENT' ? [el('dt', {}, 'Expires'), el('dd', {}, time(order.expiresAt))] : null,
          order.shipment ? [el('dt', {}, 'Shipment'), el('dd', {id: 'order-shipment'},
            [order.shipment.carrier, order.shipment.trackingNumber].filter(Boolean).join(' ') + ' · ' + time(order.shipment.shippedAt))] : null,
          order.cancelReason ? [el('dt', {}, 'Cancelled'), el('dd', {}, order.cancelReason + ' · ' + time(order.cancelledAt))] : null)),
      el('section', {'aria-label': 'Actions'}, el('h2', {}, 'Actions'), actions(order, reload, errorBox)),
      refundSection(order, refunds.refunds, {draft, errorBox: refundError, reload, answer}),
      el('h2', {}, 'Items'),
      table('Items', [
        ['Product', (i) => link('#/products/' + i.productId, i.productName)],
        ['Unit price', (i) => money(i.unitPrice, c)],
        ['Quantity', (i) => String(i.quantity)],
        ['Line', (i) => money(i.lineAmount, c)],
      ], order.items),
      el('h2', {}, 'Shipping address'), addressBlock(order.shippingAddress),
      el('h2', {}, 'Payments'),
      table('Payments', [
        ['Channel', (p) => p.channel], ['Trade', (p) => p.tradeNo], ['Amount', (p) => money(p.amount, p.currency)],
        ['Status', (p) => statusBadge(p.status)], ['Recorded', (p) => time(p.recordedAt)],
      ], payments.items, order.paymentMethod === 'BALANCE' ? 'Paid from the balance: no channel payments.' : 'No payments reported.'),
      el('h2', {}, 'Timeline'),
      el('ol', {class: 'timeline', id: 'timeline'}, timeline.entries.map((e) => el('li', {},
        el('time', {datetime: e.at}, time(e.at)), ' ', el('strong', {}, e.event),
        e.amount !== null && e.amount !== undefined ? ' ' + money(e.amount, e.currency) : '',
        e.detail ? ' — ' + e.detail : ''))));
  }

  await reload();
}
