/** Text for HTML: every character that could end an element or an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page of ours: no inline script or style (the CSP forbids both), one stylesheet and one script from /static/. */
export function page(options: { title: string; body: string; script?: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · Chatlet</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/account.css">
${options.script === false ? '' : '<script src="/static/account.js" defer></script>'}
</head>
<body>
<main class="card">
${options.body}
</main>
</body>
</html>
`;
}

/** A same-site path to go to after logging in; anything else (other hosts, `//evil`, `/\\evil`) becomes `/`. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/';
  return value.length > 2000 ? '/' : value;
}

export function onboardingPage(): string {
  return page({
    title: 'Set up',
    body: `<h1>Welcome to Chatlet</h1>
<p>Create the owner account. You can invite others once you are in.</p>
<form data-action="setup" data-next="/builder" novalidate>
  <label>Your name <input name="name" autocomplete="name" maxlength="200"></label>
  <label>Email <input name="email" type="email" autocomplete="email" required maxlength="254"></label>
  <label>Password <input name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="200"></label>
  <label>Organisation <input name="orgName" autocomplete="organization" required maxlength="200"></label>
  <p class="error" role="alert" hidden></p>
  <button type="submit">Create owner account</button>
</form>`,
  });
}

export function loginPage(next: string): string {
  return page({
    title: 'Log in',
    body: `<h1>Log in to Chatlet</h1>
<form data-action="login" data-next="${escapeHtml(next)}" novalidate>
  <label>Email <input name="email" type="email" autocomplete="username" required maxlength="254"></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
  <p class="error" role="alert" hidden></p>
  <button type="submit">Log in</button>
</form>`,
  });
}

/** What `/builder` or `/console` shows while its page has not been built or installed. */
export function missingPage(what: string, user: { email: string }): string {
  return page({
    title: `${what} not installed`,
    body: `<h1>The ${escapeHtml(what.toLowerCase())} is not installed</h1>
<p>You are logged in as <strong>${escapeHtml(user.email)}</strong>, but this server has no ${escapeHtml(what.toLowerCase())} page yet.
The REST API at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> works.</p>
${logoutForm()}`,
  });
}

export function forbiddenPage(user: { email: string }, role: string): string {
  return page({
    title: 'Not allowed',
    body: `<h1>Not allowed</h1>
<p>You are logged in as <strong>${escapeHtml(user.email)}</strong> with the role <strong>${escapeHtml(role)}</strong>,
which cannot open this page. Managers work in the <a href="/console">console</a>.</p>
${logoutForm()}`,
  });
}

function logoutForm(): string {
  return `<form data-action="logout" data-next="/login"><p class="error" role="alert" hidden></p><button type="submit">Log out</button></form>`;
}
