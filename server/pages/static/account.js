// The set-up, login, invite and logout forms of Chatlet's own pages. Served from /static/ because the pages' CSP allows
// no inline script. Each form says what it does in data-action and where to go next in data-next.
// Fields are checked here first, so an empty or mistyped form gets a sentence next to each field instead of a round trip;
// the server's own messages (details of a 400) land next to their fields the same way.
(function () {
  var endpoints = {
    setup: { method: 'POST', url: '/api/v1/setup' },
    login: { method: 'POST', url: '/api/v1/session' },
    logout: { method: 'DELETE', url: '/api/v1/session' },
    invite: { method: 'POST', url: '/api/v1/invites/accept' },
  };
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  function safeNext(value) {
    if (typeof value !== 'string' || value.charAt(0) !== '/' || value.charAt(1) === '/' || value.charAt(1) === '\\')
      return '/';
    return value;
  }

  /** What is wrong with one field, in words, or '' when it is fine. */
  function problemOf(input) {
    var value = input.value.trim();
    var newPassword = input.getAttribute('autocomplete') === 'new-password';
    if (input.name === 'email') {
      if (!value) return 'Enter your email address.';
      if (!EMAIL.test(value)) return 'Enter an email address like name@example.com.';
    }
    if (input.name === 'password') {
      if (!input.value) return newPassword ? 'Choose a password of at least 8 characters.' : 'Enter your password.';
      if (newPassword && input.value.length < 8) return 'The password needs at least 8 characters.';
    }
    if (input.name === 'orgName' && !value) return 'Enter the name of your organisation or team.';
    return '';
  }

  var boxes = 0;

  function fieldError(input) {
    var box = input.parentNode.querySelector('.field-error');
    if (!box) {
      box = document.createElement('span');
      box.className = 'field-error';
      box.id = 'field-error-' + ++boxes;
      input.parentNode.appendChild(box);
      input.setAttribute('aria-describedby', box.id);
    }
    return box;
  }

  function markField(input, message) {
    var box = fieldError(input);
    box.textContent = message;
    box.hidden = !message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function show(form, message) {
    var box = form.querySelector('.error');
    box.textContent = message;
    box.hidden = !message;
  }

  /** Marks every field; true when the form may be sent. Focuses the first field that needs work. */
  function check(form) {
    var inputs = form.querySelectorAll('input[name]:not([type=hidden])');
    var first = null;
    for (var i = 0; i < inputs.length; i++) {
      var problem = problemOf(inputs[i]);
      markField(inputs[i], problem);
      if (problem && !first) first = inputs[i];
    }
    if (first) first.focus();
    return !first;
  }

  function fields(form) {
    var body = {};
    var inputs = form.querySelectorAll('input[name]');
    for (var i = 0; i < inputs.length; i++) if (inputs[i].value !== '') body[inputs[i].name] = inputs[i].value;
    return body;
  }

  /** Puts the server's per-field messages next to their fields; true when every one found its field. */
  function showDetails(form, details) {
    var placed = 0;
    for (var i = 0; i < details.length; i++) {
      var input = form.querySelector(
        'input[name="' + String(details[i].path).replace(/[^\w]/g, '') + '"]:not([type=hidden])',
      );
      if (input) {
        markField(input, details[i].message);
        placed++;
      }
    }
    return placed > 0 && placed === details.length;
  }

  function describe(status, error) {
    if (status === 401) return 'The email or the password is wrong.';
    if (status === 429) return 'Too many attempts. Wait a little and try again.';
    if (status === 409 && !error) return 'This server is already set up.';
    if (error && error.code === 'request.invalid') return 'Some fields need a look.';
    return error && error.message ? error.message : 'Something went wrong (' + status + '). Try again.';
  }

  /** Where a person lands after joining: managers work in the console, everyone else in the builder. */
  function landing(form, body) {
    if (form.getAttribute('data-action') === 'invite') return body && body.role === 'manager' ? '/console' : '/builder';
    return safeNext(form.getAttribute('data-next'));
  }

  function submit(event) {
    var form = event.target;
    var endpoint = endpoints[form.getAttribute('data-action')];
    if (!endpoint) return;
    event.preventDefault();
    show(form, '');
    if (endpoint.method === 'POST' && !check(form)) return;
    var button = form.querySelector('button');
    button.disabled = true;
    var init = { method: endpoint.method, credentials: 'same-origin', headers: {} };
    if (endpoint.method === 'POST') {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(fields(form));
    }
    fetch(endpoint.url, init)
      .then(
        function (res) {
          return res
            .json()
            .then(
              function (body) {
                return body;
              },
              function () {
                return null;
              },
            )
            .then(function (body) {
              if (res.ok) {
                window.location.assign(landing(form, body));
                return;
              }
              var error = body && body.error;
              if (error && error.details && error.details.length && showDetails(form, error.details)) return;
              show(form, describe(res.status, error));
            });
        },
        function () {
          show(form, 'The server cannot be reached. Check your connection and try again.');
        },
      )
      .then(function () {
        button.disabled = false;
      });
  }

  document.addEventListener('submit', submit);
})();
