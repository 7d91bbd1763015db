// The set-up, login and logout forms of Chatlet's own pages. Served from /static/ because the pages' CSP allows
// no inline script. Each form says what it does in data-action and where to go next in data-next.
(function () {
  var endpoints = {
    setup: { method: 'POST', url: '/api/v1/setup' },
    login: { method: 'POST', url: '/api/v1/session' },
    logout: { method: 'DELETE', url: '/api/v1/session' },
  };

  function safeNext(value) {
    if (typeof value !== 'string' || value.charAt(0) !== '/' || value.charAt(1) === '/' || value.charAt(1) === '\\') return '/';
    return value;
  }

  function show(form, message) {
    var box = form.querySelector('.error');
    box.textContent = message;
    box.hidden = false;
  }

  function fields(form) {
    var body = {};
    var inputs = form.querySelectorAll('input[name]');
    for (var i = 0; i < inputs.length; i++) if (inputs[i].value !== '') body[inputs[i].name] = inputs[i].value;
    return body;
  }

  function describe(status, error) {
    if (status === 401) return 'The email or the password is wrong.';
    if (status === 429) return 'Too many attempts. Wait a little and try again.';
    if (status === 409) return error && error.message ? error.message : 'This server is already set up.';
    if (error && error.details && error.details.length) {
      return error.details.map(function (d) { return d.path + ': ' + d.message; }).join('; ');
    }
    return error && error.message ? error.message : 'Something went wrong (' + status + ').';
  }

  function submit(event) {
    var form = event.target;
    var endpoint = endpoints[form.getAttribute('data-action')];
    if (!endpoint) return;
    event.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    var init = { method: endpoint.method, credentials: 'same-origin', headers: {} };
    if (endpoint.method === 'POST') {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(fields(form));
    }
    fetch(endpoint.url, init)
      .then(function (res) {
        if (res.ok) {
          window.location.assign(safeNext(form.getAttribute('data-next')));
          return;
        }
        return res.json().then(
          function (body) { show(form, describe(res.status, body && body.error)); },
          function () { show(form, describe(res.status, null)); },
        );
      }, function () {
        show(form, 'The server cannot be reached.');
      })
      .then(function () { button.disabled = false; });
  }

  document.addEventListener('submit', submit);
})();
