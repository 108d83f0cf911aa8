// The Users page (administrators): list, create and delete the account's users.
'use strict';

(() => {
  const {h, api, announce} = KW;
  const body = document.getElementById('users');

  async function load() {
    const users = await api('GET', '/users');
    users.sort((a, b) => a.username.localeCompare(b.username));
    body.replaceChildren(...users.map(row));
  }

  function row(user) {
    const self = KW.session && user.username === KW.session.username;
    return h('tr', {'data-user': user.username},
        h('td', {'data-label': 'User name'}, h('span', {class: 'user-name'}, user.username),
            self ? h('span', {class: 'badge'}, 'You') : null),
        h('td', {'data-label': 'Role'}, user.role),
        h('td', {'data-label': 'Created'}, KW.date(user.created_at)),
        h('td', {class: 'actions'},
            self ? null : h('button', {
              type: 'button', class: 'danger delete', 'aria-label': 'Delete user ' + user.username,
              onclick: () => remove(user),
            }, 'Delete')));
  }

  async function create() {
    const created = await KW.formDialog({
      title: 'New user',
      submitLabel: 'Create user',
      fields: () => {
        const roleId = 'role-select';
        return [
          KW.field({label: 'User name', name: 'username', 'data-field': 'username', required: true, autocomplete: 'off'}),
          KW.field({
            label: 'Password', name: 'password', 'data-field': 'password', type: 'password', required: true,
            minlength: 12, autocomplete: 'new-password', hint: 'At least 12 characters. Give it to the user safely.',
          }),
          h('div', {class: 'field'},
              h('label', {for: roleId}, 'Role'),
              h('select', {id: roleId, name: 'role', 'data-field': 'role'},
                  h('option', {value: 'member'}, 'Member: manages their own API keys'),
                  h('option', {value: 'admin'}, 'Administrator: also licenses and users'))),
        ];
      },
      submit: (form) => {
        const username = form.elements.username.value.trim();
        if (!username) throw Object.assign(new Error('Enter a user name.'), {field: 'username'});
        return api('POST', '/users', {
          username, password: form.elements.password.value, role: form.elements.role.value,
        });
      },
    });
    if (!created) return;
    await load();
    announce('User ' + created.username + ' created.');
  }

  async function remove(user) {
    const ok = await KW.confirm({
      title: 'Delete user “' + user.username + '”?',
      message: 'Deleting a user is permanent and cannot be undone.',
      detail: 'Their API keys are deleted too: integrations using them stop working immediately.',
      action: 'Delete user',
    });
    if (!ok) return;
    try {
      await api('DELETE', '/users/' + encodeURIComponent(user.username));
      await load();
      announce('User ' + user.username + ' deleted.');
    } catch (error) {
      announce(error.message);
    }
  }

  document.getElementById('new-user').addEventListener('click', () => create().catch((e) => announce(e.message)));
  KW.start(load);
})();
