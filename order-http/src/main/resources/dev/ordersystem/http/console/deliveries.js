// One webhook endpoint: its state (on, off, flagged), switching it or deleting it, and its
// deliveries, newest first and cursor-paged, with what the last attempt found and a Retry for each
// one not delivered yet. Deliveries move in the background, so the page has a Refresh.
import {enc, get, post, query} from './api.js';
import {act, el, link, loading, pager, problemBox, replace, statusBadge, table, time, toast} from './view.js';
import {deleteButton, eventsText, stateCell, toggleButton} from './webhooks.js';

/** What the last attempt found: the receiver's status code, or why there was none. */
function lastAnswer(d) {
  if (d.attempts === 0) return el('span', {class: 'hint'}, 'not tried yet');
  if (d.lastStatusCode === 0) return el('span', {}, 'no answer', d.lastError ? el('span', {class: 'hint'}, ' (' + d.lastError + ')') : null);
  return String(d.lastStatusCode);
}

function retryButton(endpoint, delivery, errorBox, reload) {
  const button = el('button', {type: 'button', class: 'quiet', 'data-delivery': delivery.id}, 'Retry');
  button.addEventListener('click', async () => {
    const due = await act(button, errorBox, () => post('/api/v1/admin/webhooks/' + enc(endpoint.id) + '/deliveries/'
      + enc(delivery.id) + '/retry'));
    // A disabled endpoint's deliveries wait: the retry makes it due, the workers send it once the endpoint is on.
    if (due) toast('Delivery ' + due.id + ' (' + due.eventType + ') ' + (endpoint.enabled ? 'goes out again now' : 'is due once the endpoint is enabled'));
    await reload({keepError: !due});
  });
  return button;
}

export async function webhookPage(main, id, params) {
  const cursor = params.get('cursor') || '';
  const base = '/api/v1/admin/webhooks/' + enc(id);
  const errorBox = el('div', {id: 'webhook-error'});
  const body = el('div', {id: 'webhook-detail'});
  replace(main, el('p', {}, link('#/webhooks', '← Webhooks')), errorBox, body);

  async function reload({keepError = false} = {}) {
    if (!keepError) errorBox.replaceChildren();
    loading(body, 'Loading the endpoint…');
    let endpoint;
    let page;
    try {
      [endpoint, page] = await Promise.all([get(base), get(base + '/deliveries' + query({cursor, limit: 20}))]);
    } catch (e) {
      replace(body, problemBox(e));
      return;
    }
    const refresh = el('button', {type: 'button', class: 'quiet', id: 'refresh-deliveries', on: {click: () => reload()}}, 'Refresh');
    const afterChange = (changed) => reload({keepError: !changed});
    const afterDelete = async (gone) => {
      if (gone) location.hash = '#/webhooks';
      else await reload({keepError: true});
    };
    replace(body,
      el('div', {class: 'heading'}, el('h1', {id: 'webhook-url'}, endpoint.url),
        el('div', {class: 'row-actions'}, toggleButton(endpoint, errorBox, afterChange), deleteButton(endpoint, errorBox, afterDelete))),
      el('section', {class: 'card summary', 'aria-label': 'Endpoint'},
        el('dl', {},
          el('dt', {}, 'State'), el('dd', {id: 'webhook-state'}, stateCell(endpoint)),
          el('dt', {}, 'Events'), el('dd', {}, eventsText(endpoint.events)),
          el('dt', {}, 'Created'), el('dd', {}, time(endpoint.createdAt) + ' · endpoint ' + endpoint.id))),
      el('div', {class: 'heading'}, el('h2', {}, 'Deliveries'), refresh),
      el('div', {id: 'deliveries'}, table('Deliveries, newest first', [
        ['Event', (d) => d.eventType],
        ['Order', (d) => link('#/orders/' + d.orderNo, d.orderNo)],
        ['Status', (d) => statusBadge(d.status)],
        ['Attempts', (d) => String(d.attempts)],
        ['Last answer', lastAnswer],
        ['Latency', (d) => (d.attempts ? d.lastLatencyMillis + ' ms' : '')],
        ['Next attempt', (d) => time(d.nextAttemptAt)],
        ['Settled', (d) => time(d.settledAt)],
        ['', (d) => (d.status === 'DELIVERED' ? null : retryButton(endpoint, d, errorBox, reload))],
      ], page.items, 'No deliveries yet: they appear when an event of a subscribed type happens.')),
      pager('#/webhooks/' + id, {}, cursor, page.nextCursor));
  }
  await reload();
}
