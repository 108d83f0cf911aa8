// The Licenses page, after the solver cloud's API-key page: your keys for all licenses, your
// legacy API v1 keys, then each license with its keys (the default key marked and never
// deletable). Add a key, regenerate a secret, delete a key, download a license's file.
'use strict';

(() => {
  const {h, api, announce} = KW;
  const container = document.getElementById('licenses');
  const empty = document.getElementById('empty');
  const OWN = '/user/@current/api-key';

  async function load() {
    const [licenses, own] = await Promise.all([api('GET', '/licenses'), api('GET', OWN)]);
    licenses.sort((a, b) => a.id - b.id);
    const accountKeys = own.filter((key) => !key.deprecated && key.binding === 'account');
    const legacyKeys = own.filter((key) => key.deprecated);
    const sections = await Promise.all(licenses.map(async (license) => {
      const keys = await api('GET', keysPath(license));
      return licenseSection(license, keys);
    }));
    container.replaceChildren(
        accountSection(accountKeys),
        legacyKeys.length > 0 ? legacySection(legacyKeys) : '',
        ...sections);
    empty.hidden = licenses.length > 0;
  }

  const keysPath = (license) => '/licenses/' + encodeURIComponent(license.id) + '/api-keys';

  /** A table of keys; where is {label, path, regenerate, remove} for the actions offered. */
  function keyTable(caption, keys, where) {
    return h('table', {class: 'table'},
        h('caption', {class: 'visually-hidden'}, caption),
        h('thead', {}, h('tr', {},
            ['Name', 'Access ID', 'Scopes', 'Expires', 'Last used'].map((title) => h('th', {scope: 'col'}, title)),
            h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
        h('tbody', {}, keys.length === 0
          ? h('tr', {}, h('td', {colspan: 6, class: 'muted'}, 'No keys yet.'))
          : keys.map((key) => row(key, where))));
  }

  function row(key, where) {
    return h('tr', {'data-key': key.name},
        h('td', {'data-label': 'Name'}, h('span', {class: 'key-name'}, key.name),
            key.default ? h('span', {class: 'badge default-badge'}, 'Default') : null,
            key.deprecated ? h('span', {class: 'badge warn'}, 'Deprecated') : null,
            key.enabled === false ? h('span', {class: 'badge warn'}, 'Disabled') : null),
        h('td', {'data-label': 'Access ID'}, h('code', {}, key.access_id)),
        h('td', {'data-label': 'Scopes'}, KW.scopeChips(key.scopes)),
        h('td', {'data-label': 'Expires'}, KW.date(key.expiration_date), KW.expiryBadge(key)),
        h('td', {'data-label': 'Last used'}, key.last_used_at
          ? KW.dateTime(key.last_used_at) + (key.last_used_ip ? ' from ' + key.last_used_ip : '')
          : 'Never'),
        h('td', {class: 'actions'},
            where.regenerate ? h('button', {
              type: 'button', class: 'regenerate', 'aria-label': 'Regenerate the secret of ' + key.name,
              onclick: () => regenerate(where, key),
            }, 'Regenerate') : null,
            where.regenerate ? KW.toggleButton(where.path, key, load) : null,
            // The default key of a license cannot be deleted: no action is offered for it.
            key.default ? null : h('button', {
              type: 'button', class: 'danger delete', 'aria-label': 'Delete key ' + key.name,
              onclick: () => remove(where, key),
            }, 'Delete')));
  }

  function accountSection(keys) {
    const where = {label: 'your keys for all licenses', path: OWN, regenerate: true};
    return h('section', {class: 'license', 'aria-labelledby': 'account-keys', 'data-section': 'account'},
        h('div', {class: 'license-head'},
            h('div', {},
                h('h2', {id: 'account-keys'}, 'API keys for all licenses'),
                h('p', {class: 'muted'}, 'Your keys that reach every license, machine and pool of the account.')),
            h('div', {class: 'license-actions'},
                h('button', {
                  type: 'button', class: 'add-key', 'aria-label': 'Add a key for all licenses',
                  onclick: () => addKey(where, 'Add a key for all licenses', {binding: 'account'}),
                }, '+ Add key'))),
        keyTable('Your keys for all licenses', keys, where));
  }

  function legacySection(keys) {
    const where = {label: 'legacy keys', path: OWN, regenerate: false};
    return h('section', {class: 'license', 'aria-labelledby': 'legacy-keys', 'data-section': 'legacy'},
        h('div', {class: 'license-head'},
            h('div', {},
                h('h2', {id: 'legacy-keys'}, 'Legacy API v1 keys'),
                h('p', {class: 'muted'}, 'Usable only with the deprecated API v1. Migrate your applications ' +
                    'to API v2 with new keys, then delete these.'))),
        keyTable('Legacy API v1 keys', keys, where));
  }

  function licenseSection(license, keys) {
    const titleId = 'license-' + license.id;
    const where = {label: 'license ' + license.name, path: keysPath(license), regenerate: true};
    keys.sort((a, b) => (b.default - a.default) || a.name.localeCompare(b.name));
    return h('section', {class: 'license', 'aria-labelledby': titleId, 'data-license': license.id},
        h('div', {class: 'license-head'},
            h('div', {},
                h('h2', {id: titleId}, license.name, ' ', h('span', {class: 'muted'}, '(license ' + license.id + ')')),
                h('p', {class: 'muted'}, 'Default pool ', h('code', {}, license.default_pool || license.id + '-default'))),
            h('div', {class: 'license-actions'},
                h('button', {
                  type: 'button', class: 'add-key', 'aria-label': 'Add a key to license ' + license.name,
                  onclick: () => addKey(where, 'Add a key to ' + license.name, {},
                      'It can reach license ' + license.id + ' and its machines and pools only.'),
                }, '+ Add key'),
                h('a', {
                  class: 'button download',
                  href: KW.API + keysPath(license).replace('/api-keys', '/license-file'),
                  download: 'keywarden.lic',
                  'aria-label': 'Download the license file of ' + license.name,
                }, 'Download license file'))),
        keyTable('Keys of license ' + license.name, keys, where));
  }

  async function addKey(where, title, extra, intro) {
    const fields = await KW.keyFields(['Tasks', 'Session'], null);
    const created = await KW.formDialog({
      title,
      submitLabel: 'Create key',
      fields,
      submit: (form) => api('POST', where.path, Object.assign(KW.keyBody(form), extra)),
    });
    if (!created) return;
    await load();
    await KW.showSecret({title: 'Key “' + created.name + '” created', intro, value: created.value});
    announce('Key ' + created.name + ' added to ' + where.label + '.');
  }

  function regenerate(where, key) {
    KW.regenerateKey(where.path, key, load).catch((error) => announce(error.message));
  }

  async function remove(where, key) {
    const ok = await KW.confirm({
      title: 'Delete key “' + key.name + '”?',
      message: 'Deleting a key is permanent and cannot be undone.',
      detail: 'Any application using this key will be blocked immediately.',
      action: 'Delete key',
    });
    if (!ok) return;
    try {
      await api('DELETE', where.path + '/' + encodeURIComponent(key.name));
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
    announce('License ' + created.name + ' created with its default key.');
  }

  document.getElementById('new-license').addEventListener('click', () => createLicense().catch((e) => announce(e.message)));
  KW.start(load);
})();
