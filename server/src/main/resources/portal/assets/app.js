// Keywarden portal: shared helpers. Plain JavaScript, no framework, no build step.
//
// Every piece of data is put on the page as text (textContent, attribute values), never parsed
// as HTML, so a key or user name cannot inject markup. The page's Content-Security-Policy forbids
// inline scripts as a second line of defence.
'use strict';

const KW = (() => {
  const portalAt = location.pathname.indexOf('/portal/');
  // Works for both ways of addressing an account: <account>.host/portal/... and /a/<account>/portal/...
  const base = portalAt >= 0 ? location.pathname.slice(0, portalAt) : '';
  const API = base + '/pro/user-manager/v1';
  let session = null;
  let scopesCache = null;

  /** Builds an element: h('button', {class: 'x', onclick: fn}, 'text', child, ...). */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') {
        element.addEventListener(name.slice(2), value);
      } else if (name === 'class') {
        element.className = value;
      } else if (name === 'text') {
        element.textContent = value;
      } else {
        element.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  /** An API error with the problem's detail, code and offending field. */
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || 'Request failed (' + status + ')');
      this.status = status;
      this.code = problem && problem.code;
      this.field = problem && problem.field;
    }
  }

  function loginUrl() {
    const page = document.body.dataset.page;
    return 'login' + (page && page !== 'login' ? '?next=' + encodeURIComponent(page) : '');
  }

  /** Calls the REST API with the session cookie, and the CSRF token on every change. */
  async function api(method, path, body) {
    const headers = {Accept: 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrf_token;
    const response = await fetch(API + path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      location.assign(loginUrl());
      throw new ApiError(401, {detail: 'Your session has ended. Log in again.'});
    }
    if (!response.ok) {
      let problem = null;
      try { problem = await response.json(); } catch (ignored) { /* not JSON */ }
      throw new ApiError(response.status, problem);
    }
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
  }

  /** Loads the session (or goes to the login page), fills the top bar, then runs the page. */
  async function start(init) {
    let response;
    try {
      response = await fetch(base + '/portal/session', {credentials: 'same-origin', cache: 'no-store'});
    } catch (error) {
      announce('Cannot reach the server.');
      return;
    }
    if (!response.ok) {
      location.replace(loginUrl());
      return;
    }
    session = await response.json();
    const page = document.body.dataset.page;
    document.getElementById('who').textContent = session.username + ' (' + session.role + ')';
    for (const link of document.querySelectorAll('[data-nav]')) {
      if (link.dataset.nav === page) link.setAttribute('aria-current', 'page');
      if (link.hasAttribute('data-admin') && session.role === 'admin') link.hidden = false;
    }
    document.getElementById('logout').addEventListener('click', logout);
    document.getElementById('main').hidden = false;
    try {
      await init(session);
    } catch (error) {
      announce(error.message);
    }
  }

  async function logout() {
    await fetch(base + '/portal/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'X-CSRF-Token': session ? session.csrf_token : ''},
    });
    location.replace('login');
  }

  /** Says something in the page's polite live region. */
  function announce(message) {
    const status = document.getElementById('status');
    if (!status) return;
    status.textContent = '';
    // A fresh text node is announced even when the same message repeats.
    window.setTimeout(() => { status.textContent = message; }, 50);
  }

  const pad = (number) => String(number).padStart(2, '0');

  /** A timestamp as MM/DD/YYYY (UTC, the day a key's expiry is stored on). */
  function date(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    return pad(d.getUTCMonth() + 1) + '/' + pad(d.getUTCDate()) + '/' + d.getUTCFullYear();
  }

  /** A timestamp as MM/DD/YYYY HH:MM in the browser's time zone. */
  function dateTime(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    return pad(d.getMonth() + 1) + '/' + pad(d.getDate()) + '/' + d.getFullYear() + ' ' +
        pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  /** A warning badge for a key that has expired or expires within two weeks, else null. */
  function expiryBadge(key) {
    if (!key.expiration_date) return null;
    const days = Math.ceil((new Date(key.expiration_date).getTime() - Date.now()) / 86400000);
    if (days <= 0) return h('span', {class: 'badge warn'}, 'Expired');
    if (days <= 14) return h('span', {class: 'badge warn'}, 'Expires in ' + days + (days === 1 ? ' day' : ' days'));
    return null;
  }

  function lastUse(key) {
    if (!key.last_used_at) return 'Never used';
    return 'Last used ' + dateTime(key.last_used_at) + (key.last_used_ip ? ' from ' + key.last_used_ip : '');
  }

  /** YYYY-MM-DD of today plus some years, in UTC. */
  function isoDay(yearsAhead) {
    const d = new Date();
    d.setUTCFullYear(d.getUTCFullYear() + yearsAhead);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }

  async function scopes() {
    if (!scopesCache) scopesCache = await api('GET', '/user/@current/authorization-scopes');
    return scopesCache;
  }

  // Dialogs: native <dialog> elements opened with showModal(), which keeps focus inside and
  // closes on Escape; focus goes back to the control that opened them.

  let lastOpener = null;

  /** The control itself, or where the list was drawn again, the same control by its name. */
  function liveControl(control) {
    if (!control || document.contains(control)) return control;
    const label = control.getAttribute && control.getAttribute('aria-label');
    return label ? [...document.querySelectorAll('[aria-label]')]
        .find((candidate) => candidate.getAttribute('aria-label') === label) : null;
  }

  function openDialog(dialog, focusTarget) {
    // A dialog that follows another (a new secret after its form) returns focus where the first
    // one came from.
    const active = document.activeElement;
    const opener = active && active !== document.body ? active : lastOpener;
    lastOpener = opener;
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      dialog.remove();
      const target = liveControl(opener);
      (target && typeof target.focus === 'function' ? target : document.getElementById('main')).focus();
    });
    dialog.showModal();
    if (focusTarget) focusTarget.focus();
  }

  let dialogCount = 0;
  const uid = (prefix) => prefix + '-' + (++dialogCount);

  /** Asks to confirm; resolves true or false. */
  function confirm({title, message, detail, action}) {
    return new Promise((resolve) => {
      const titleId = uid('confirm-title');
      const messageId = uid('confirm-message');
      let confirmed = false;
      const cancel = h('button', {type: 'button', onclick: () => dialog.close()}, 'Cancel');
      const ok = h('button', {
        type: 'button', class: 'danger solid', 'data-confirm': true,
        onclick: () => { confirmed = true; dialog.close(); },
      }, action);
      const dialog = h('dialog', {'aria-labelledby': titleId, 'aria-describedby': messageId, class: 'confirm-dialog'},
          h('div', {class: 'dialog-body'},
              h('h2', {id: titleId}, title),
              h('div', {id: messageId},
                  h('p', {}, message),
                  detail ? h('p', {class: 'danger-note'}, detail) : null),
              h('div', {class: 'buttons'}, cancel, ok)));
      dialog.addEventListener('close', () => resolve(confirmed));
      openDialog(dialog, cancel);
    });
  }

  /** Shows a new secret once, with a Copy button; resolves when closed. */
  function showSecret({title, intro, value}) {
    return new Promise((resolve) => {
      const titleId = uid('secret-title');
      const inputId = uid('secret-value');
      const input = h('input', {id: inputId, readonly: true, value, spellcheck: 'false', autocomplete: 'off', class: 'secret-value'});
      const copied = h('p', {class: 'hint', role: 'status', 'aria-live': 'polite'});
      const copy = h('button', {
        type: 'button', class: 'copy',
        onclick: async () => {
          try {
            await navigator.clipboard.writeText(input.value);
          } catch (error) {
            input.select();
            document.execCommand('copy');
          }
          copied.textContent = 'Copied to the clipboard.';
        },
      }, 'Copy');
      const done = h('button', {type: 'button', class: 'primary', onclick: () => dialog.close()}, 'Done');
      const dialog = h('dialog', {'aria-labelledby': titleId, class: 'secret-dialog'},
          h('div', {class: 'dialog-body'},
              h('h2', {id: titleId}, title),
              intro ? h('p', {}, intro) : null,
              h('p', {class: 'warning', role: 'note'},
                  h('strong', {}, 'Copy and save this API key now. '),
                  'For security reasons it will only be shown once: you will not be able to see it again.'),
              h('label', {for: inputId, class: 'field-label'}, 'API key'),
              h('div', {class: 'secret-row'}, input, copy),
              copied,
              h('div', {class: 'buttons'}, done)));
      dialog.addEventListener('close', () => {
        // The secret leaves the page with the dialog.
        input.value = '';
        resolve();
      });
      openDialog(dialog, input);
      input.select();
    });
  }

  /**
   * A form dialog. fields(form) builds the inputs; submit(form) calls the API and may throw an
   * ApiError, shown in the dialog next to the field it names. Resolves with submit's result, or
   * null when cancelled.
   */
  function formDialog({title, submitLabel, fields, submit}) {
    return new Promise((resolve) => {
      const titleId = uid('form-title');
      const error = h('p', {class: 'error', role: 'alert'});
      const save = h('button', {type: 'submit', class: 'primary'}, submitLabel);
      const cancel = h('button', {type: 'button', value: 'cancel', onclick: () => dialog.close()}, 'Cancel');
      const form = h('form', {novalidate: true});
      const dialog = h('dialog', {'aria-labelledby': titleId});
      let result = null;
      form.append(h('h2', {id: titleId}, title), ...fields(form), error, h('div', {class: 'buttons'}, cancel, save));
      dialog.append(form);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        error.textContent = '';
        for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
        save.disabled = true;
        try {
          result = await submit(form);
          dialog.close();
        } catch (problem) {
          error.textContent = problem.message;
          const field = problem.field && form.querySelector('[data-field="' + CSS.escape(problem.field) + '"]');
          if (field) {
            field.setAttribute('aria-invalid', 'true');
            field.setAttribute('aria-describedby', error.id || (error.id = uid('form-error')));
            field.focus();
          }
        } finally {
          save.disabled = false;
        }
      });
      dialog.addEventListener('close', () => resolve(result));
      openDialog(dialog, form.querySelector('input, select'));
    });
  }

  /** A labelled input. */
  function field({label, hint, ...attributes}) {
    const id = uid('field');
    const hintId = hint ? id + '-hint' : null;
    const input = h('input', {id, 'aria-describedby': hintId, ...attributes});
    return h('div', {class: 'field'},
        h('label', {for: id}, label),
        input,
        hint ? h('span', {id: hintId, class: 'hint'}, hint) : null);
  }

  /**
   * The fields of a new key: name, expiry date (default and maximum one year), scopes, and where
   * given a list of licenses, what the key reaches (the whole account or one license).
   */
  async function keyFields(defaultScopes, licenses) {
    const available = await scopes();
    const bindingId = uid('binding');
    return () => [
      field({label: 'Name', name: 'name', 'data-field': 'name', required: true, maxlength: 100, autocomplete: 'off'}),
      licenses && licenses.length > 0 ? h('div', {class: 'field'},
          h('label', {for: bindingId}, 'Access'),
          h('select', {id: bindingId, name: 'binding', 'data-field': 'binding'},
              h('option', {value: 'account'}, 'All licenses, machines and pools of the account'),
              licenses.map((license) => h('option', {value: 'license:' + license.id},
                  'Only license ' + license.id + ' (' + license.name + ')')))) : null,
      field({
        label: 'Expiration date', name: 'expiration_date', 'data-field': 'expiration_date', type: 'date',
        required: true, min: isoDay(0), max: isoDay(1), value: isoDay(1),
        hint: 'At most one year from today. The key stops working at the start of that day (UTC).',
      }),
      h('fieldset', {'data-field': 'scopes', tabindex: '-1'},
          h('legend', {}, 'Scopes'),
          h('p', {class: 'hint'}, 'Choose one or more. A key never grants more than you may do.'),
          h('div', {class: 'scope-list'}, available.map((scope) => {
            const id = uid('scope');
            return h('label', {class: 'scope-option', for: id},
                h('input', {type: 'checkbox', id, name: 'scopes', value: scope.name,
                  checked: defaultScopes.includes(scope.name)}),
                h('span', {}, scope.name),
                h('span', {class: 'hint'}, scope.description));
          }))),
    ];
  }

  /** Reads the key fields into an API body, checking them first. */
  function keyBody(form) {
    const name = form.elements.name.value.trim();
    const scopesChosen = [...form.querySelectorAll('input[name="scopes"]:checked')].map((box) => box.value);
    if (!name) throw Object.assign(new Error('Give the key a name.'), {field: 'name'});
    if (!form.elements.expiration_date.value) {
      throw Object.assign(new Error('Choose an expiration date.'), {field: 'expiration_date'});
    }
    if (scopesChosen.length === 0) throw Object.assign(new Error('Choose at least one scope.'), {field: 'scopes'});
    const body = {name, expiration_date: form.elements.expiration_date.value, scopes: scopesChosen};
    if (form.elements.binding) body.binding = form.elements.binding.value;
    return body;
  }

  /** What a key reaches, in words. */
  function bindingText(binding, licenses) {
    if (!binding || binding === 'account') return 'All licenses';
    const id = binding.startsWith('license:') ? binding.slice('license:'.length) : binding;
    const license = (licenses || []).find((candidate) => String(candidate.id) === id);
    return 'Only license ' + id + (license ? ' (' + license.name + ')' : '');
  }

  /** The scopes of a key as chips. */
  function scopeChips(list) {
    return h('ul', {class: 'chips', 'aria-label': 'Scopes'}, (list || []).map((scope) => h('li', {class: 'chip'}, scope)));
  }

  const GRACE_PERIODS = [
    [0, 'Stops working immediately'],
    [3600, 'Keeps working for 1 hour'],
    [86400, 'Keeps working for 24 hours'],
    [604800, 'Keeps working for 7 days'],
  ];

  /**
   * Regenerates a key's secret (path: the key collection's API path) after asking how long the old
   * secret may live on (zero-downtime rotation), shows the new one once; reload() redraws the list.
   */
  async function regenerateKey(path, key, reload) {
    const regenerated = await formDialog({
      title: 'Regenerate the secret of “' + key.name + '”?',
      submitLabel: 'Regenerate',
      fields: () => {
        const graceId = uid('grace');
        return [
          h('p', {}, 'The key keeps its name, access ID and scopes and gets a new secret. If a secret ' +
              'has been compromised, regenerate it; to rotate, you may also create a new key, switch ' +
              'your applications to it, then delete this one.'),
          key.default ? h('p', {class: 'danger-note'},
              'License files downloaded before hold the old secret: download the file again.') : null,
          h('div', {class: 'field'},
              h('label', {for: graceId}, 'The current secret'),
              h('select', {id: graceId, name: 'grace', 'data-field': 'grace_period_seconds'},
                  GRACE_PERIODS.map(([seconds, text]) => h('option', {value: seconds}, text)))),
        ];
      },
      submit: (form) => api('POST', path + '/' + encodeURIComponent(key.name) + '/regenerate',
          {grace_period_seconds: Number(form.elements.grace.value)}),
    });
    if (!regenerated) return;
    await reload();
    await showSecret({title: 'New secret for “' + key.name + '”', value: regenerated.value});
    announce('The secret of ' + key.name + ' was regenerated.');
  }

  /** Disables or enables a key (a disabled key is refused until enabled again). */
  async function toggleKey(path, key, reload) {
    const enabled = key.enabled === false;
    await api('PATCH', path + '/' + encodeURIComponent(key.name), {enabled});
    await reload();
    announce('API key ' + key.name + (enabled ? ' enabled.' : ' disabled: it is refused until enabled again.'));
  }

  /** The Disable / Enable button of a key. */
  function toggleButton(path, key, reload) {
    const disabled = key.enabled === false;
    return h('button', {
      type: 'button', class: 'toggle',
      'aria-label': (disabled ? 'Enable ' : 'Disable ') + key.name,
      onclick: () => toggleKey(path, key, reload).catch((error) => announce(error.message)),
    }, disabled ? 'Enable' : 'Disable');
  }

  return {
    h, api, start, announce, date, dateTime, lastUse, expiryBadge, confirm, showSecret, formDialog, field,
    keyFields, keyBody, bindingText, scopeChips, regenerateKey, toggleButton, ApiError, base, API,
    get session() { return session; },
  };
})();
