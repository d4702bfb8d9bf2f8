// The pull feed of order events (GET /api/v1/admin/events?after=): the same events the webhooks
// carry, oldest first from a position. "Load more" reads on from the position the last answer gave
// (nextAfter), so nothing is missed or shown twice; at the end it finds nothing until new events come.
import {get, query} from './api.js';
import {act, el, field, link, replace, table, time} from './view.js';

const DEFAULT_LIMIT = '20';

function eventsTable(events) {
  return table('Events, oldest first', [
    ['Position', (e) => String(e.position)],
    ['Type', (e) => e.type],
    ['Order', (e) => link('#/orders/' + e.orderNo, e.orderNo)],
    ['When', (e) => time(e.timestamp)],
    ['webhook-id', (e) => el('code', {}, e.webhookId)],
    ['Data', (e) => el('code', {class: 'json'}, JSON.stringify(e.data))],
  ], events, 'No events after this position yet.');
}

export async function eventsPage(main, params) {
  const from = params.get('after') || '0';
  const limit = params.get('limit') || DEFAULT_LIMIT;
  const afterInput = el('input', {id: 'events-after', name: 'after', type: 'number', min: 0, value: from});
  const limitInput = el('input', {id: 'events-limit', name: 'limit', type: 'number', min: 1, max: 500, value: limit});
  const startForm = el('form', {class: 'inline', on: {submit: (event) => {
    event.preventDefault();
    location.hash = '#/events' + query({after: afterInput.value, limit: limitInput.value});
  }}}, field('After position', afterInput), field('Per load', limitInput), el('button', {type: 'submit', id: 'events-go'}, 'Read'));
  const errorBox = el('div', {id: 'events-error'});
  const listBox = el('div', {id: 'events-list'});
  const status = el('p', {id: 'events-status', class: 'hint', role: 'status'});
  const more = el('button', {type: 'button', id: 'load-more'}, 'Load more');
  replace(main, el('div', {class: 'heading'}, el('h1', {}, 'Events'), link('#/webhooks', 'Webhooks')),
    el('p', {class: 'hint'}, 'Every order and payment change, in the order it was published: what a consumer that pulls '
      + 'instead of receiving webhooks reads. An event\'s webhook-id is the one its deliveries carry.'),
    el('div', {class: 'toolbar'}, startForm), errorBox, listBox, status, more);

  const shown = [];
  let after = from;
  async function loadMore() {
    const page = await act(more, errorBox, () => get('/api/v1/admin/events' + query({after, limit})));
    if (!page) return;
    shown.push(...page.items);
    replace(listBox, eventsTable(shown));
    status.textContent = (page.items.length ? page.items.length + ' more; ' : 'Nothing newer yet; ')
      + shown.length + ' shown, read up to position ' + page.nextAfter + '.';
    after = String(page.nextAfter);
  }
  more.addEventListener('click', loadMore);
  await loadMore();
}
