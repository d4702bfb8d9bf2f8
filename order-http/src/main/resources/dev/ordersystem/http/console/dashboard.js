// The first page: today's orders and revenue, what waits for someone, the audit, orders per minute.
import {get} from './api.js';
import {el, link, loading, money, problemBox, replace, time} from './view.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

/** Orders per minute as bars, the current minute on the right; each bar says its figure in a tooltip. */
function perMinuteChart(minutes) {
  const width = 600;
  const height = 120;
  const most = Math.max(1, ...minutes.map((m) => m.orders));
  const step = width / minutes.length;
  const bars = minutes.map((m, i) => {
    const h = Math.round((m.orders / most) * (height - 20));
    return svg('rect', {x: (i * step + 1).toFixed(1), y: height - h, width: Math.max(1, step - 2).toFixed(1), height: h,
      class: 'bar'}, svg('title', {}, time(m.minute) + ': ' + m.orders + ' order(s)'));
  });
  const total = minutes.reduce((sum, m) => sum + m.orders, 0);
  return el('figure', {class: 'chart'},
    svg('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': total + ' orders in the last hour, per minute',
      preserveAspectRatio: 'none', class: 'bars'},
    svg('line', {x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: 'axis'}), ...bars),
    el('figcaption', {}, 'Orders per minute, last 60 minutes: ' + total + ' in all, at most ' + most + ' in a minute'));
}

function card(label, value, extra, id) {
  return el('div', {class: 'card figure', id}, el('span', {class: 'label'}, label), el('strong', {class: 'value'}, value), extra);
}

function auditCard(audit) {
  if (audit instanceof Error) return card('Audit', 'unavailable', problemBox(audit), 'audit');
  const violations = audit.violations || [];
  return card('Audit', audit.ok ? 'ok' : violations.length + ' violation(s)',
    violations.length ? el('ul', {class: 'violations'}, violations.slice(0, 20).map((v) =>
      el('li', {}, (v.invariant || v.kind || '') + ' ' + (v.subject || '') + ': ' + (v.detail || v.message || JSON.stringify(v)))))
      : el('span', {class: 'hint'}, 'the §7 invariants hold'), 'audit');
}

export async function dashboardPage(main) {
  loading(main, 'Loading the dashboard…');
  const [figures, audit] = await Promise.all([
    get('/api/v1/admin/dashboard').catch((e) => e),
    get('/api/v1/admin/audit').catch((e) => e),
  ]);
  if (figures instanceof Error) {
    replace(main, el('h1', {}, 'Dashboard'), problemBox(figures));
    return;
  }
  const attention = figures.paymentsNeedingAttention;
  const refresh = el('button', {type: 'button', class: 'quiet', on: {click: () => dashboardPage(main)}}, 'Refresh');
  replace(main,
    el('div', {class: 'heading'}, el('h1', {}, 'Dashboard'), refresh),
    el('p', {class: 'hint'}, 'Today is the UTC day since ' + time(figures.todaySince) + '; figures as of ' + time(figures.at) + '.'),
    el('section', {class: 'cards', 'aria-label': 'Figures'},
      card('Orders today', String(figures.ordersToday), el('span', {class: 'hint'}, figures.paidOrdersToday + ' paid'), 'orders-today'),
      card('Revenue today', money(figures.revenueToday, figures.currency), null, 'revenue-today'),
      card('Pending payments', String(figures.pendingPayments),
        link('#/orders?status=PENDING_PAYMENT', 'see them'), 'pending-payments'),
      card('Payments needing attention', String(attention.total),
        el('span', {class: 'hint'}, link('#/payments', attention.mismatch + ' mismatch, ' + attention.refundRequired
          + ' refund required, ' + attention.unmatched + ' unmatched')), 'payments-attention'),
      auditCard(audit)),
    perMinuteChart(figures.ordersPerMinute));
}
