// Products: the catalogue with each product's stock as the database holds it, creating one,
// editing it, putting it on or off sale, and adjusting its stock with a reason next to the
// movement history. After every change the list or the product is read again.
import {enc, get, patch, post, query} from './api.js';
import {act, confirmed, el, field, link, loading, money, pager, problemBox, replace, table, toast, toMinor} from './view.js';

let shopCurrency = 'CNY';

function saleBadge(onSale) {
  return el('span', {class: 'badge ' + (onSale ? 'status-paid' : 'status-cancelled')}, onSale ? 'on sale' : 'off sale');
}

function createForm(reload) {
  const name = el('input', {id: 'new-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off'});
  const description = el('textarea', {id: 'new-description', name: 'description', rows: 2, maxlength: 2000});
  const price = el('input', {id: 'new-price', name: 'price', required: true, inputmode: 'decimal', autocomplete: 'off'});
  const stock = el('input', {id: 'new-stock', name: 'stock', type: 'number', min: 0, value: 0, required: true});
  const onSale = el('input', {id: 'new-on-sale', name: 'onSale', type: 'checkbox', checked: true});
  const errorBox = el('div', {id: 'new-product-error'});
  const button = el('button', {type: 'submit', id: 'create-product'}, 'Create product');
  const form = el('form', {class: 'card form', id: 'new-product', on: {submit: async (event) => {
    event.preventDefault();
    const minor = toMinor(price.value, shopCurrency);
    const created = await act(button, errorBox, () => post('/api/v1/admin/products', {
      name: name.value, description: description.value,
      price: minor === null ? price.value : minor, stock: Number(stock.value), onSale: onSale.checked,
    }));
    if (created) {
      form.reset();
      toast('Product ' + created.id + ' created');
      await reload();
    }
  }}},
  el('h2', {}, 'New product'),
  field('Name', name), field('Description', description), field('Price (' + shopCurrency + ')', price),
  field('Initial stock', stock), el('label', {class: 'check'}, onSale, ' On sale'), errorBox, button);
  return form;
}

export async function productsPage(main, params) {
  const cursor = params.get('cursor') || '';
  const errorBox = el('div', {id: 'products-error'});
  const listBox = el('div', {id: 'products-list'});
  const formBox = el('div', {});
  replace(main, el('div', {class: 'heading'}, el('h1', {}, 'Products')), errorBox, listBox, formBox);

  async function reload() {
    loading(listBox, 'Loading products…');
    try {
      const page = await get('/api/v1/admin/products' + query({cursor, limit: 20}));
      if (page.items.length) shopCurrency = page.items[0].currency;
      replace(listBox, table('Products', [
        ['Id', (p) => String(p.id)],
        ['Name', (p) => link('#/products/' + p.id, p.name)],
        ['Price', (p) => money(p.price, p.currency)],
        ['Available', (p) => String(p.available)],
        ['Sale', (p) => saleBadge(p.onSale)],
        ['', (p) => {
          const button = el('button', {type: 'button', class: 'quiet', 'data-product': p.id}, p.onSale ? 'Take off sale' : 'Put on sale');
          button.addEventListener('click', async () => {
            if (!(await confirmed((p.onSale ? 'Take ' : 'Put ') + p.name + (p.onSale ? ' off sale?' : ' on sale?')))) return;
            const done = await act(button, errorBox, () => patch('/api/v1/admin/products/' + p.id, {onSale: !p.onSale}));
            if (done) toast(done.name + (done.onSale ? ' is on sale' : ' is off sale'));
            await reload();
          });
          return button;
        }],
      ], page.items, 'No products yet.'),
      pager('#/products', {}, cursor, page.nextCursor));
    } catch (e) {
      replace(listBox, problemBox(e));
    }
    replace(formBox, createForm(reload));
  }
  await reload();
}

export async function productPage(main, id) {
  const body = el('div', {id: 'product-detail'});
  replace(main, el('p', {}, link('#/products', '← Products')), body);

  async function reload() {
    loading(body, 'Loading the product…');
    let product;
    let movements;
    try {
      [product, movements] = await Promise.all([get('/api/v1/admin/products/' + enc(id)),
        get('/api/v1/admin/products/' + enc(id) + '/stock/movements')]);
    } catch (e) {
      replace(body, problemBox(e));
      return;
    }
    shopCurrency = product.currency;
    const digits = (money(1, product.currency).split(' ')[0].split('.')[1] || '').length;
    const name = el('input', {id: 'edit-name', name: 'name', value: product.name, required: true, maxlength: 200});
    const description = el('textarea', {id: 'edit-description', name: 'description', rows: 3, maxlength: 2000});
    description.value = product.description;
    const price = el('input', {id: 'edit-price', name: 'price', inputmode: 'decimal',
      value: (product.price / 10 ** digits).toFixed(digits)});
    const onSale = el('input', {id: 'edit-on-sale', name: 'onSale', type: 'checkbox', checked: product.onSale});
    const editError = el('div', {id: 'edit-error'});
    const save = el('button', {type: 'submit', id: 'save-product'}, 'Save');
    const edit = el('form', {class: 'card form', on: {submit: async (event) => {
      event.preventDefault();
      const minor = toMinor(price.value, product.currency);
      const done = await act(save, editError, () => patch('/api/v1/admin/products/' + enc(id), {
        name: name.value, description: description.value, price: minor === null ? price.value : minor, onSale: onSale.checked,
      }));
      if (done) {
        toast('Saved ' + done.name);
        await reload();
      }
    }}}, el('h2', {}, 'Edit'), field('Name', name), field('Description', description),
    field('Price (' + product.currency + ')', price), el('label', {class: 'check'}, onSale, ' On sale'), editError, save);

    const delta = el('input', {id: 'stock-delta', name: 'delta', type: 'number', required: true, step: 1});
    const reason = el('input', {id: 'stock-reason', name: 'reason', required: true, maxlength: 200, autocomplete: 'off'});
    const stockError = el('div', {id: 'stock-error'});
    const adjust = el('button', {type: 'submit', id: 'adjust-stock'}, 'Adjust stock');
    const stockForm = el('form', {class: 'card form', on: {submit: async (event) => {
      event.preventDefault();
      const units = Number(delta.value);
      if (!(await confirmed((units >= 0 ? 'Add ' + units : 'Remove ' + -units) + ' unit(s) of ' + product.name
        + ' (' + reason.value + ')?'))) return;
      const done = await act(adjust, stockError, () => post('/api/v1/admin/products/' + enc(id) + '/stock',
        {delta: delta.value === '' ? null : units, reason: reason.value}));
      if (done) {
        toast(done.name + ': ' + done.available + ' available');
        await reload();
      }
    }}}, el('h2', {}, 'Stock'),
    el('p', {}, 'Available now: ', el('strong', {id: 'product-available'}, String(product.available))),
    field('Units to add (negative to remove)', delta), field('Reason', reason), stockError, adjust);

    replace(body,
      el('div', {class: 'heading'}, el('h1', {id: 'product-name'}, product.name), saleBadge(product.onSale)),
      el('p', {class: 'hint'}, 'Product ' + product.id + ' · ' + money(product.price, product.currency)),
      el('div', {class: 'columns'}, edit, stockForm),
      el('h2', {}, 'Stock movements'),
      table('Stock movements, newest first', [
        ['When', (m) => new Date(m.at).toLocaleString('en-GB')],
        ['Units', (m) => (m.delta > 0 ? '+' : '') + m.delta],
        ['Reason', (m) => m.reason],
      ], movements.items, 'No movements recorded.'));
  }
  await reload();
}
