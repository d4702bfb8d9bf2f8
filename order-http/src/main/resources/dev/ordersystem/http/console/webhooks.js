// Webhooks (DESIGN §15): the endpoints order events are sent to. Subscribing one shows its signing
// secret once, right after (the API never gives it out again, so neither does the page: it lives in
// this view's DOM only); an endpoint is switched on or off, or removed, each after a confirmation.
// The event types offered are the ones the server's /openapi.json names, so the form never offers a
// type the API would refuse.
import {call, del, enc, get, patch, post} from './api.js';
import {act, confirmed, el, field, link, loading, problemBox, replace, table, time, toast} from './view.js';

let knownTypes = null;

/** The event types the API takes (its EventType schema), read once per page load. */
async function eventTypes() {
  if (!knownTypes) {
    const description = await call('GET', '/openapi.json', undefined, null);
    knownTypes = description.components.schemas.EventType.enum;
  }
  return knownTypes;
}

const STATE_LABELS = {ENABLED: 'enabled', DISABLED: 'disabled', DISABLED_FAILING: 'flagged: disabled after failing'};

/** An endpoint's state as a badge; a flagged one (switched off by the system) says since when it failed. */
export function stateCell(endpoint) {
  const badge = el('span', {class: 'badge status-' + endpoint.state.toLowerCase()}, STATE_LABELS[endpoint.state] || endpoint.state);
  if (!endpoint.failingSince) return badge;
  return el('span', {}, badge, ' ', el('span', {class: 'hint'}, 'failing since ' + time(endpoint.failingSince)));
}

export function eventsText(events) {
  return events.length ? events.join(', ') : 'every type';
}

/** Enable or Disable, confirmed, then {@code after(changed)}; a refusal goes to {@code errorBox}. */
export function toggleButton(endpoint, errorBox, after) {
  const enable = !endpoint.enabled;
  const button = el('button', {type: 'button', class: 'quiet', 'data-endpoint': endpoint.id, 'data-action': enable ? 'enable' : 'disable'},
    enable ? 'Enable' : 'Disable');
  button.addEventListener('click', async () => {
    const question = enable
      ? 'Send events to ' + endpoint.url + ' again?' + (endpoint.state === 'DISABLED_FAILING' ? ' This clears its flag.' : '')
      : 'Stop sending events to ' + endpoint.url + '? Deliveries already queued wait until it is enabled again; events '
        + 'while it is off are not queued for it (the Events feed keeps them).';
    if (!(await confirmed(question))) return;
    const changed = await act(button, errorBox, () => patch('/api/v1/admin/webhooks/' + enc(endpoint.id), {enabled: enable}));
    if (changed) toast('Endpoint ' + changed.id + ' is ' + STATE_LABELS[changed.state]);
    await after(changed);
  });
  return button;
}

/** Delete, confirmed, then {@code after(true)} once it is gone. */
export function deleteButton(endpoint, errorBox, after) {
  const button = el('button', {type: 'button', class: 'danger', 'data-endpoint': endpoint.id, 'data-action': 'delete'}, 'Delete');
  button.addEventListener('click', async () => {
    if (!(await confirmed('Delete the endpoint ' + endpoint.url + '? It receives nothing more and its deliveries are '
      + 'no longer listed. This cannot be undone.'))) return;
    const gone = await act(button, errorBox, async () => {
      await del('/api/v1/admin/webhooks/' + enc(endpoint.id));
      return true;
    });
    if (gone) toast('Endpoint ' + endpoint.id + ' deleted');
    await after(gone);
  });
  return button;
}

/** Copies the secret: the Clipboard API where the page may use it, else the selected text; says which worked. */
async function copy(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch (unavailable) {
    input.select();
    return document.execCommand('copy');
  }
}

/** The new endpoint's secret, shown this once, with a copy button and the warning that it will not come back. */
function secretCard(endpoint) {
  const secret = el('input', {id: 'webhook-secret', readonly: true, value: endpoint.secret, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'webhook-secret-note', class: 'secret-value'});
  const copied = el('span', {id: 'secret-copied', role: 'status', class: 'hint'});
  const copyButton = el('button', {type: 'button', id: 'copy-secret'}, 'Copy');
  copyButton.addEventListener('click', async () => {
    copied.textContent = (await copy(secret)) ? 'Copied.' : 'Could not copy: select the text and copy it.';
  });
  const card = el('section', {class: 'card secret', id: 'new-webhook-secret', 'aria-labelledby': 'secret-heading'},
    el('h2', {id: 'secret-heading'}, 'Signing secret of endpoint ' + endpoint.id),
    el('p', {id: 'webhook-secret-note', class: 'notice'}, 'You will not see this again: the server keeps it only to sign '
      + 'deliveries and never shows it a second time. Store it with the receiver now (it verifies each delivery\'s '
      + 'webhook-signature with it); if it is lost, delete the endpoint and subscribe again.'),
    el('div', {class: 'inline'}, field('Secret', secret), copyButton, copied),
    el('button', {type: 'button', class: 'quiet', id: 'secret-stored', on: {click: () => card.remove()}}, 'I have stored it'));
  return card;
}

function createForm(types, created) {
  const url = el('input', {id: 'new-webhook-url', name: 'url', required: true, maxlength: 2048, autocomplete: 'off',
    inputmode: 'url', placeholder: 'https://erp.example.com/hooks/orders'});
  const boxes = types.map((type) => el('input', {type: 'checkbox', name: 'events', value: type,
    id: 'new-webhook-event-' + type.replace(/[^a-z_]/g, '-')}));
  const enabled = el('input', {id: 'new-webhook-enabled', name: 'enabled', type: 'checkbox', checked: true});
  const errorBox = el('div', {id: 'new-webhook-error'});
  const button = el('button', {type: 'submit', id: 'create-webhook'}, 'Subscribe');
  const form = el('form', {class: 'card form', id: 'new-webhook', on: {submit: async (event) => {
    event.preventDefault();
    const endpoint = await act(button, errorBox, () => post('/api/v1/admin/webhooks', {
      url: url.value.trim(), events: boxes.filter((b) => b.checked).map((b) => b.value), enabled: enabled.checked,
    }));
    if (endpoint) {
      form.reset();
      await created(endpoint);
    }
  }}},
  el('h2', {}, 'New endpoint'),
  field('URL (http or https)', url),
  el('fieldset', {class: 'event-types'}, el('legend', {}, 'Events (none ticked: every type)'),
    boxes.map((box) => el('label', {class: 'check'}, box, ' ' + box.value))),
  el('label', {class: 'check'}, enabled, ' Enabled'),
  errorBox, button);
  return form;
}

export async function webhooksPage(main) {
  const errorBox = el('div', {id: 'webhooks-error'});
  const secretBox = el('div', {id: 'secret-box'});
  const listBox = el('div', {id: 'webhooks-list'});
  const formBox = el('div', {});
  replace(main, el('div', {class: 'heading'}, el('h1', {}, 'Webhooks'), link('#/events', 'Events feed')),
    el('p', {class: 'hint'}, 'Each order event is POSTed to the endpoints that want its type, signed as Standard Webhooks '
      + 'describes, and retried with backoff until a 2xx answer. Open an endpoint for its deliveries.'),
    errorBox, secretBox, listBox, formBox);

  async function reload() {
    loading(listBox, 'Loading endpoints…');
    try {
      const list = await get('/api/v1/admin/webhooks');
      replace(listBox, table('Webhook endpoints, oldest first', [
        ['Id', (e) => String(e.id)],
        ['URL', (e) => link('#/webhooks/' + e.id, e.url)],
        ['Events', (e) => eventsText(e.events)],
        ['State', stateCell],
        ['Created', (e) => time(e.createdAt)],
        ['', (e) => el('div', {class: 'row-actions'}, toggleButton(e, errorBox, reload), deleteButton(e, errorBox, reload))],
      ], list.items, 'No endpoints yet: subscribe one below.'));
    } catch (e) {
      replace(listBox, problemBox(e));
    }
  }

  const types = await eventTypes().catch((e) => e);
  if (types instanceof Error) {
    replace(formBox, problemBox(types));
  } else {
    replace(formBox, createForm(types, async (endpoint) => {
      toast('Endpoint ' + endpoint.id + ' subscribed');
      replace(secretBox, secretCard(endpoint));
      await reload();
      document.getElementById('webhook-secret').focus();
    }));
  }
  await reload();
}
