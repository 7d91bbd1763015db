/**
 * The builder's entry, served at /builder: signs in when needed, picks or creates a bot
 * (`?bot=<id>` opens one), then runs the editor on its draft; `?view=team` is the Team page, and
 * `?bot=<id>&view=results` the bot's Results.
 */
import { h, render, type ComponentChild } from 'preact';
import { api, ApiError } from './api.ts';
import { App } from './app/app.tsx';
import { Controller } from './app/controller.ts';
import { NavBar, setSignedIn, type View } from './app/nav-bar.tsx';
import { BotPicker, SignIn } from './app/start-views.tsx';
import { ResultsView } from './results/results-view.tsx';
import { TeamView } from './app/team-view.tsx';
import { initialState, Store } from './app/store.ts';
import { BLANK } from './model/templates.ts';
import type { Doc } from './model/types.ts';

const root = document.getElementById('app')!;
// The static "Loading…" text is not Preact's to keep.
root.replaceChildren();

function openBot(id: string): void {
  const url = new URL(location.href);
  url.searchParams.set('bot', id);
  history.pushState(null, '', url);
  void boot();
}

/** A page with the navigation bar above it. */
function withNav(view: View, page: ComponentChild) {
  return (
    <div class="cl-page">
      <NavBar current={view} />
      {page}
    </div>
  );
}

async function boot(): Promise<void> {
  try {
    setSignedIn(await api.session());
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && !sessionStorage.getItem('chatlet.token')) {
      render(<SignIn onDone={() => void boot()} />, root);
      return;
    }
  }
  const params = new URL(location.href).searchParams;
  const id = params.get('bot');
  if (params.get('view') === 'team') {
    render(withNav('team', <TeamView />), root);
    return;
  }
  if (!id) {
    render(withNav('bots', <BotPicker onOpen={openBot} />), root);
    return;
  }
  if (params.get('view') === 'results') {
    // Replaces an editor that may be drawn (history navigation): Preact does not diff into the editor's canvas.
    render(null, root);
    render(withNav('bots', <ResultsView botId={id} />), root);
    return;
  }
  try {
    performance.mark('chatlet:load-start');
    const { bot, etag } = await api.bot(id);
    const doc = (bot.draft?.scenario as Doc | undefined) ?? BLANK();
    const ctl = new Controller(new Store(initialState(bot, doc, etag)));
    render(null, root);
    render(<App ctl={ctl} />, root);
    performance.mark('chatlet:editor-ready');
    (window as unknown as { chatletBuilder: Controller }).chatletBuilder = ctl;
  } catch (err) {
    render(
      withNav(
        'editor',
        <main class="cl-start">
          <h1>This bot could not be opened</h1>
          <p role="alert">{(err as Error).message}</p>
          <a href="/builder">Back to your bots</a>
        </main>,
      ),
      root,
    );
  }
}

window.addEventListener('popstate', () => void boot());
void boot();
