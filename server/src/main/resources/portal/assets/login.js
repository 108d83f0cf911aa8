// The login page: user name and password, then on to the page asked for.
'use strict';

(() => {
  const form = document.getElementById('login-form');
  const error = document.getElementById('login-error');
  const pages = ['keys', 'licenses', 'users'];
  const next = new URLSearchParams(location.search).get('next');
  const account = location.pathname.match(/\/a\/([^/]+)\/portal\//);
  // Already logged in: straight on.
  fetch(KW.base + '/portal/session', {credentials: 'same-origin', cache: 'no-store'})
      .then((response) => { if (response.ok) location.replace(pages.includes(next) ? next : 'keys'); })
      .catch(() => { /* the form stays */ });

  document.getElementById('account').textContent =
      'Account: ' + (account ? decodeURIComponent(account[1]) : location.hostname.split('.')[0]);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    if (!username || !password) {
      error.textContent = 'Enter your user name and password.';
      (username ? form.elements.password : form.elements.username).focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const response = await fetch(KW.base + '/portal/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({username, password}),
      });
      if (response.ok) {
        location.replace(pages.includes(next) ? next : 'keys');
        return;
      }
      if (response.status === 429) {
        const seconds = Number(response.headers.get('Retry-After'));
        const minutes = Math.max(1, Math.ceil(seconds / 60));
        error.textContent = 'Too many failed login attempts. For your security, logging in is blocked' +
            (seconds ? ' for ' + minutes + (minutes === 1 ? ' minute' : ' minutes') : ' for a while') +
            '. Try again later.';
      } else if (response.status === 401) {
        error.textContent = 'Wrong user name or password.';
      } else {
        let detail = null;
        try { detail = (await response.json()).detail; } catch (ignored) { /* not JSON */ }
        error.textContent = detail || 'Logging in failed (' + response.status + ').';
      }
      form.elements.password.value = '';
      form.elements.password.focus();
    } catch (failure) {
      error.textContent = 'Cannot reach the server.';
    } finally {
      button.disabled = false;
    }
  });
})();
