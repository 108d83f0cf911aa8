// The Licenses page: each license with its keys (the default key marked and never deletable),
// add a key, regenerate a secret, delete a key, download the license file.
'use strict';

(() => {
  const {h, api, announce} = KW;
  const container = document.getElementById('licenses');
  const empty = document.getElementById('empty');

  async function load() {
    const licenses = await api('GET', '/licenses');
    licenses.sort((a, b) => a.id - b.id);
    const sections = await Promise.all(licenses.map(async (license) => {
      const keys = await api('GET', '/licenses/' + license.id + '/api-keys');
      return section(license, keys);
    }));
    container.replaceChildren(...sections);
    empty.hidden = licenses.length > 0;
  }

  function section(license, keys) {
    const titleId = 'license-' + license.id;
    keys.sort((a, b) => (b.default - a.default) || a.name.localeCompare(b.name));
    return h('section', {class: 'license', 'aria-labelledby': titleId, 'data-license': license.id},
        h('div', {class: 'license-head'},
            h('div', {},
                h('h2', {id: titleId}, license.name, ' ', h('span', {class: 'muted'}, '(license ' + license.id + ')')),
                h('p', {class: 'muted'}, 'Default pool ', h('code', {}, license.default_pool || license.id + '-default'))),
            h('div', {class: 'license-actions'},
                h('button', {
                  type: 'button', class: 'add-key', 'aria-label': 'Add a key to license ' + license.name,
                  onclick: () => addKey(license),
                }, '+ Add key'),
                h('a', {
                  class: 'button download',
                  href: KW.API + '/licenses/' + encodeURIComponent(license.id) + '/license-file',
                  download: 'keywarden.lic',
                  'aria-label': 'Download the license file of ' + license.name,
                }, 'Download license file'))),
        h('table', {class: 'table'},
            h('caption', {class: 'visually-hidden'}, 'Keys of license ' + license.name),
            h('thead', {}, h('tr', {},
                ['Name', 'Access ID', 'Scopes', 'Expires', 'Last used'].map((title) => h('th', {scope: 'col'}, title)),
                h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
            h('tbody', {}, keys.map((key) => row(license, key)))));
  }

  function row(license, key) {
    return h('tr', {'data-key': key.name},
        h('td', {'data-label': 'Name'}, h('span', {class: 'key-name'}, key.name),
            key.default ? h('span', {class: 'badge default-badge'}, 'Default') : null,
            key.enabled === false ? h('span', {class: 'badge warn'}, 'Disabled') : null),
        h('td', {'data-label': 'Access ID'}, h('code', {}, key.access_id)),
        h('td', {'data-label': 'Scopes'}, KW.scopeChips(key.scopes)),
        h('td', {'data-label': 'Expires'}, KW.date(key.expiration_date)),
        h('td', {'data-label': 'Last used'}, key.last_used_at ? KW.dateTime(key.last_used_at) : 'Never'),
        h('td', {class: 'actions'},
            h('button', {
              type: 'button', class: 'regenerate', 'aria-label': 'Regenerate the secret of ' + key.name,
              onclick: () => regenerate(license, key),
            }, 'Regenerate'),
            // The default key of a license cannot be deleted: no action is offered for it.
            key.default ? null : h('button', {
              type: 'button', class: 'danger delete', 'aria-label': 'Delete key ' + key.name,
              onclick: () => remove(license, key),
            }, 'Delete')));
  }

  const keysPath = (license) => '/licenses/' + encodeURIComponent(license.id) + '/api-keys';

  async function addKey(license) {
    const fields = await KW.keyFields(['Tasks', 'Session']);
    const created = await KW.formDialog({
      title: 'Add a key to ' + license.name,
      submitLabel: 'Create key',
      fields,
      submit: (form) => api('POST', keysPath(license), KW.keyBody(form)),
    });
    if (!created) return;
    await load();
    await KW.showSecret({
      title: 'Key “' + created.name + '” created',
      intro: 'It can reach license ' + license.id + ' and its machines and pools only.',
      value: created.value,
    });
    announce('Key ' + created.name + ' added to ' + license.name + '.');
  }

  async function regenerate(license, key) {
    const ok = await KW.confirm({
      title: 'Regenerate the secret of “' + key.name + '”?',
      message: 'If a secret has been compromised, regenerate it. It may be better to create a new key, ' +
          'switch your applications to it, then delete this one.',
      detail: 'The current secret stops working immediately' +
          (key.default ? ', and license files downloaded before must be downloaded again.' : '.'),
      action: 'Regenerate',
    });
    if (!ok) return;
    try {
      const regenerated = await api('POST', keysPath(license) + '/' + encodeURIComponent(key.name) + '/regenerate');
      await KW.showSecret({title: 'New secret for “' + key.name + '”', value: regenerated.value});
      await load();
      announce('The secret of ' + key.name + ' was regenerated.');
    } catch (error) {
      announce(error.message);
    }
  }

  async function remove(license, key) {
    const ok = await KW.confirm({
      title: 'Delete key “' + key.name + '”?',
      message: 'Deleting a key is permanent and cannot be undone.',
      detail: 'Any application using this key will be blocked immediately.',
      action: 'Delete key',
    });
    if (!ok) return;
    try {
      await api('DELETE', keysPath(license) + '/' + encodeURIComponent(key.name));
      await load();
      announce('Key ' + key.name + ' deleted.');
    } catch (error) {
      announce(error.message);
    }
  }

  async function createLicense() {
    const created = await KW.formDialog({
      title: 'New license',
      submitLabel: 'Create license',
      fields: () => [KW.field({label: 'Name', name: 'name', 'data-field': 'name', required: true, maxlength: 100})],
      submit: (form) => {
        const name = form.elements.name.value.trim();
        if (!name) throw Object.assign(new Error('Give the license a name.'), {field: 'name'});
        return api('POST', '/licenses', {name});
      },
    });
    if (!created) return;
    await load();
    announce('License created with its default key.');
  }

  document.getElementById('new-license').addEventListener('click', () => createLicense().catch((e) => announce(e.message)));
  KW.start(load);
})();
