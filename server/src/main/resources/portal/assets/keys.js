// The User API Keys page: the caller's active keys as cards, a search box, create, regenerate, delete.
'use strict';

(() => {
  const {h, api, announce} = KW;
  const list = document.getElementById('keys');
  const empty = document.getElementById('empty');
  const search = document.getElementById('search');
  const searchLabel = document.getElementById('search-label');
  const PATH = '/user/@current/api-key';
  let keys = [];
  let licenses = [];

  async function load() {
    keys = await api('GET', PATH);
    try {
      licenses = await api('GET', '/licenses');
    } catch (error) {
      licenses = [];
    }
    keys.sort((a, b) => a.name.localeCompare(b.name));
    const label = 'Search api keys (' + keys.length + ' available)';
    searchLabel.textContent = label;
    search.placeholder = label;
    render();
  }

  function matches(key, query) {
    if (!query) return true;
    const text = [key.name, key.access_id, ...(key.scopes || [])].join(' ').toLowerCase();
    return text.includes(query);
  }

  function render() {
    const query = search.value.trim().toLowerCase();
    const shown = keys.filter((key) => matches(key, query));
    list.replaceChildren(...shown.map(card));
    empty.hidden = shown.length > 0;
    empty.textContent = keys.length === 0
      ? 'You have no API keys yet. Create one with “+ New API key”.'
      : 'No API keys match “' + search.value.trim() + '”.';
  }

  function card(key) {
    const titleId = 'key-' + key.access_id;
    return h('li', {class: 'card', 'aria-labelledby': titleId, 'data-key': key.name},
        h('h2', {id: titleId},
            h('span', {class: 'key-name'}, key.name),
            key.deprecated ? h('span', {class: 'badge warn'}, 'Legacy v1, deprecated') : null,
            key.enabled === false ? h('span', {class: 'badge warn'}, 'Disabled') : null),
        h('p', {class: 'expires'}, 'Expires ' + KW.date(key.expiration_date), KW.expiryBadge(key)),
        KW.scopeChips(key.scopes),
        h('p', {class: 'binding'}, KW.bindingText(key.binding, licenses)),
        h('p', {class: 'muted'}, KW.lastUse(key)),
        h('p', {class: 'muted'}, 'Access ID ', h('code', {}, key.access_id)),
        h('div', {class: 'actions'},
            key.deprecated ? null : h('button', {
              type: 'button', class: 'regenerate', 'aria-label': 'Regenerate the secret of ' + key.name,
              onclick: () => regenerate(key),
            }, 'Regenerate'),
            key.deprecated ? null : KW.toggleButton(PATH, key, load),
            h('button', {
              type: 'button', class: 'danger delete', 'aria-label': 'Delete API key ' + key.name,
              onclick: () => remove(key),
            }, 'Delete')));
  }

  async function create() {
    const fields = await KW.keyFields([], licenses);
    const created = await KW.formDialog({
      title: 'New API key',
      submitLabel: 'Create key',
      fields,
      submit: (form) => api('POST', PATH, KW.keyBody(form)),
    });
    if (!created) return;
    await load();
    await KW.showSecret({
      title: 'API key “' + created.name + '” created',
      intro: 'Use it in the apiKey header (or Authorization: Bearer) of your requests.',
      value: created.value,
    });
    announce('API key ' + created.name + ' created.');
  }

  function regenerate(key) {
    KW.regenerateKey(PATH, key, load).catch((error) => announce(error.message));
  }

  async function remove(key) {
    const ok = await KW.confirm({
      title: 'Delete API key “' + key.name + '”?',
      message: 'Deleting an API key is permanent and cannot be undone.',
      detail: 'Any integrations or scripts using this key will immediately stop working.',
      action: 'Delete key',
    });
    if (!ok) return;
    try {
      await api('DELETE', PATH + '/' + encodeURIComponent(key.name));
      await load();
      document.getElementById('new-key').focus();
      announce('API key ' + key.name + ' deleted.');
    } catch (error) {
      announce(error.message);
    }
  }

  search.addEventListener('input', render);
  document.getElementById('new-key').addEventListener('click', () => create().catch((e) => announce(e.message)));
  KW.start(load);
})();
