/**
 * The `test` every spec imports: Playwright's, plus a guard that fails a test whose pages log a
 * console error, throw an uncaught exception, or have a same-origin request fail (a network error or
 * an HTTP status of 400 or more). A user sees none of those, but each is a broken page all the same.
 *
 * Expected cases are named where they happen, never matched broadly:
 * - for a whole file: `test.use({ allowPageErrors: [/pattern/] })`;
 * - for one test: `guard.allow(/pattern/)` (take the `guard` fixture).
 * A pattern is matched against `kind url text` of each problem (see `PageProblem.line`).
 */
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export { expect };

/** Something a page did wrong, as the guard records it. */
export interface PageProblem {
  kind: 'console' | 'pageerror' | 'requestfailed' | 'response';
  url: string;
  text: string;
}

/** One line per problem: what the allow-list patterns are matched against, and what a failure prints. */
export function problemLine(p: PageProblem): string {
  return `${p.kind} ${p.url} ${p.text}`;
}

/** Chromium's console line for every failed load ("Failed to load resource: the server responded with a status of 404"). */
const FAILED_LOAD = /^Failed to load resource: /;

/** Collects the problems of every page of the contexts it watches. */
export class PageGuard {
  readonly problems: PageProblem[] = [];
  private readonly allowed: RegExp[];
  private readonly watched = new WeakSet<object>();

  /** `origins`: requests to these count; others (a made-up landing origin's own files, say) count too when listed. */
  constructor(
    private readonly origins: Set<string>,
    allowed: RegExp[] = [],
  ) {
    this.allowed = [...allowed];
  }

  /** Names an expected problem of this test. */
  allow(...patterns: RegExp[]): void {
    this.allowed.push(...patterns);
  }

  /** Counts requests to another origin too (a test that serves a landing page on its own origin). */
  watchOrigin(origin: string): void {
    this.origins.add(new URL(origin).origin);
  }

  watchContext(context: BrowserContext): void {
    if (this.watched.has(context)) return;
    this.watched.add(context);
    for (const page of context.pages()) this.watchPage(page);
    context.on('page', (page) => this.watchPage(page));
  }

  watchPage(page: Page): void {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium's own line for a failed load repeats a request the network events below already judged, and
      // would count a request to another origin that they rightly leave out.
      if (FAILED_LOAD.test(message.text())) return;
      this.problems.push({ kind: 'console', url: message.location().url || page.url(), text: message.text() });
    });
    page.on('pageerror', (error) =>
      this.problems.push({ kind: 'pageerror', url: page.url(), text: `${error.name}: ${error.message}` }),
    );
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      // The browser cancelling a request (a navigation away, a closed page, an event stream dropped on
      // purpose) is not a failure of the request.
      if (failure === 'net::ERR_ABORTED') return;
      if (!this.counts(request.url())) return;
      this.problems.push({ kind: 'requestfailed', url: request.url(), text: `${request.method()} ${failure}` });
    });
    page.on('response', (response) => {
      if (response.status() < 400 || !this.counts(response.url())) return;
      this.problems.push({
        kind: 'response',
        url: response.url(),
        text: `${response.request().method()} ${response.status()}`,
      });
    });
  }

  /** The problems no allow-list pattern names. */
  unexpected(): PageProblem[] {
    return this.problems.filter((p) => !this.allowed.some((re) => re.test(problemLine(p))));
  }

  /** Throws, listing them, when there are unexpected problems. */
  assertClean(): void {
    const left = this.unexpected();
    if (!left.length) return;
    throw new Error(
      `The page had ${left.length} unexpected problem(s); fix them, or name an expected one with guard.allow(/…/):\n` +
        left.map((p) => `  - ${problemLine(p)}`).join('\n'),
    );
  }

  private counts(url: string): boolean {
    try {
      return this.origins.has(new URL(url).origin);
    } catch {
      return false;
    }
  }
}

interface GuardFixtures {
  /** Patterns of expected problems for every test of a file (`test.use`). */
  allowPageErrors: RegExp[];
  guard: PageGuard;
}

/**
 * Watches the test's own context, and every context or page the test opens from `browser`, by
 * wrapping `browser.newContext` and `browser.newPage` for the test's duration.
 */
export const test = base.extend<GuardFixtures>({
  allowPageErrors: [[], { option: true }],
  guard: [
    async ({ context, browser, baseURL, allowPageErrors }, use, testInfo) => {
      const origins = new Set<string>(baseURL ? [new URL(baseURL).origin] : []);
      const guard = new PageGuard(origins, allowPageErrors);
      guard.watchContext(context);
      const restore = wrapBrowser(browser, guard);
      try {
        await use(guard);
      } finally {
        restore();
      }
      // A test that already failed reports its own failure; the guard's would only hide it.
      if (testInfo.status === testInfo.expectedStatus) guard.assertClean();
    },
    { auto: true },
  ],
});

function wrapBrowser(browser: Browser, guard: PageGuard): () => void {
  const newContext = browser.newContext;
  const newPage = browser.newPage;
  browser.newContext = async function (this: Browser, ...args: Parameters<Browser['newContext']>) {
    const context = await newContext.apply(browser, args);
    guard.watchContext(context);
    return context;
  };
  browser.newPage = async function (this: Browser, ...args: Parameters<Browser['newPage']>) {
    const page = await newPage.apply(browser, args);
    guard.watchContext(page.context());
    guard.watchPage(page);
    return page;
  };
  return () => {
    browser.newContext = newContext;
    browser.newPage = newPage;
  };
}
