// First, so the page's clock sits in the bundle within gzip's reach of xstate's identical default clock (~15 B).
import { clock } from './clock.ts';
import { h, render } from 'preact';
import type { Ctx, Env, Spec } from './types.ts';
import type { Storage } from './storage/types.ts';
import { idbExists, idbStorage } from './storage/idb-storage.ts';
import { memoryStorage } from './storage/memory-storage.ts';
import { createHost, type Emit, type Host, type PageEvents, type TabMessage } from './host.ts';
import { joinTabs } from './tabs.ts';
import { net } from './link.ts';
import { randomId } from './random-id.ts';
import { register, type BotApi, type EventType } from './api.ts';
import { resolveText } from './text.ts';
import { pickStrings, visitorLangs } from './i18n.ts';
import { App } from './widget/app.tsx';

/**
 * Yields to the page: the rest runs in a new task. A message rather than a timer, so it is not
 * delayed by timer throttling, and a page whose timers are paused (a test's fake clock) still starts.
 */
const tick = () =>
  new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = r;
    c.port2.postMessage(0);
  });

/** Only plain colour syntax reaches the stylesheet; a theme value cannot inject CSS. */
const safeCss = (s: string) => (/^[#\w(),.% -]{1,64}$/.test(s) ? s : '');

/**
 * The bundle's entry: registers the JS API, opens storage, restores or waits to start the
 * conversation, and mounts the widget in an open shadow root. Nothing thrown here reaches the page.
 */
export function boot(spec: Spec, $: Env['$']): void {
  const on: Partial<Record<EventType, Set<Parameters<BotApi['on']>[1]>>> = {};
  const sticky: unknown[] = [];
  const emit: Emit = (type, data) => {
    if (type === 'error' && /^storage/.test((data as PageEvents['error']).code)) sticky.push(data);
    (on[type] || []).forEach((f) => {
      try {
        f(data);
      } catch (err) {
        console.error(err);
      }
    });
  };
  let host: Host | undefined;
  const st = spec.s.st;
  const begin = () => {
    if (host) ((host.open = true), host.start());
  };

  // Calls that arrive before storage has opened run once the bot is ready, in order. Each asks
  // for the bot, which ends start()'s wait for the visitor (`go`), unless it is `quiet`.
  const pending: (() => void)[] = [];
  let go = (_?: unknown) => {};
  const later = (f: (h: Host) => void, quiet?: 1) => (
    host ? f(host) : (pending.push(() => f(host!)), quiet || go()),
    undefined
  );
  // A start trigger asks for the bot too; a conversation restored meanwhile is left as it is.
  const fire = () => later((h) => h.view().started || begin());
  const api: BotApi = {
    open: () => later(begin),
    close: () => later((h) => (h.open = false), 1),
    send: (event, data) =>
      later((h) => {
        if (st.type === 'event' && st.name === event && !h.view().started) begin();
        h.send({ type: 'e:' + event, d: data });
      }),
    on(type, fn) {
      (on[type] = on[type] || new Set()).add(fn);
      if (type === 'error') sticky.forEach((d) => fn(d));
      return () => on[type]!.delete(fn);
    },
    variables: () => (host ? host.variables() : { ...(spec.m.context as Ctx).v }),
    reset: () => later((h) => h.reset()),
    // Neither asks for the bot: a consent banner calls them on every page, which must store nothing.
    consent: (yes) => later((h) => h.rs?.k(yes), 1),
    forget: () => later((h) => h.reset(2), 1),
  };
  if (!register(spec.id, api)) return;
  // Armed now, before storage: a first-time visitor's storage waits for the trigger (see start).
  if (spec.tr) spec.tr(st, fire, clock);
  // Start-up is cut into short tasks (script, launcher, storage, restore), each yielding to the
  // page in between, so the bot never blocks the page's main thread for long at load.
  tick()
    .then(start)
    .catch((err) => emit('error', { code: 'runtime.failed', message: String(err) }));

  async function start() {
    // The launcher is drawn first, before storage opens: the page shows the chat at once, and a
    // click made meanwhile is queued like any early API call.
    if (!document.body) await new Promise((r) => addEventListener('DOMContentLoaded', r, { once: true }));
    const langs = visitorLangs();
    const strings = pickStrings(spec.ui, langs, spec.s.l);
    const R = {
      spec,
      N: spec.n,
      $,
      c: clock,
      f: net,
      tx: (t, v) => resolveText(t, v, langs, spec.s.l),
      ui: (k) => strings[k],
      warn: (code, message) => emit('error', { code, message }),
    } as Env;
    let inline = spec.s.o === 'inline';
    const target = inline && spec.s.g ? document.querySelector(spec.s.g) : null;
    // An inline bot whose target is missing shows as a bubble rather than at the end of the page.
    if (inline && !target)
      (emit('error', { code: 'widget.target_missing', message: 'No element matches ' + spec.s.g }),
        (spec.s.o = 'bubble'),
        (inline = false));
    const el = document.createElement('div');
    el.setAttribute('data-chatlet', spec.id);
    (target || document.body).appendChild(el);
    const root = el.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    const accent = safeCss(spec.s.th.accent || '');
    // Several bubbles on one page stand side by side instead of on top of each other.
    const nth = document.querySelectorAll('[data-chatlet]').length - 1;
    sheet.replaceSync(spec.css + (accent ? `.w{--a:${accent}}` : '') + (nth > 0 ? `.w{right:${20 + nth * 76}px}` : ''));
    root.adoptedStyleSheets = [sheet];
    // A stand-in host until storage has opened: the App calls only view, sub and send on it.
    const waiting: { view: Host['view']; sub(): () => unknown; send(): unknown; open?: boolean } = {
      view: () => ({ t: [], started: false }),
      sub: () => () => 0,
      send: () => 0,
    };
    // Whether the visitor left the chat open, kept where it can be read at once (IndexedDB cannot
    // be): a chat that was open comes back open, with no launcher drawn before it in between.
    const HINT = 'chatlet:open:' + spec.id;
    const hint = (v?: 1 | ''): unknown => {
      try {
        return v == null ? localStorage[HINT] : (localStorage[HINT] = v);
      } catch {
        // Storage refused (sandboxed frame, privacy settings): the launcher shows first, as before.
      }
    };
    let wasOpen = hint() == 1;
    if (inline || !wasOpen) render(h(App, { R, host: waiting as unknown as Host, onOpen: () => later(begin) }), root);
    if (st.type === 'load' || (inline && st.type === 'open')) fire();
    await tick();
    // Nothing is written on a page view where no one asks for the bot (docs/js-api.md, Storage and
    // privacy), and opening IndexedDB would create the database. So a first-time visitor's storage
    // waits for the visitor to open the chat, a start trigger or a call from the page; a returning
    // visitor's (the database exists, or the chat was left open) opens at once, to restore.
    if (!wasOpen && !pending.length) await new Promise((r) => ((go = r), idbExists().then((k) => k && r(0))));

    let store: Storage;
    try {
      // IndexedDB that neither opens nor fails (some private modes) must not hold the bot hostage.
      store = await Promise.race([
        idbStorage(),
        new Promise<never>((_, no) => clock.setTimeout(() => no('timed out'), 3000)),
      ]);
    } catch (err) {
      store = memoryStorage();
      emit('error', {
        code: 'storage.unavailable',
        message: 'IndexedDB is unavailable (' + err + '); the conversation is kept in memory only',
      });
    }
    let vid = await store.get<string>('vid').catch(() => undefined);
    if (!vid) await store.set('vid', (vid = randomId())).catch(() => undefined);
    R.vid = vid;
    R.st = store;
    // One tab runs the conversation; the others follow it (see tabs.ts). It leads from the start, or
    // once the leading tab closes (the host exists by then: the lock is passed on in a later task).
    const ho: Host = createHost(R, store, emit, await joinTabs<TabMessage>(spec.id, () => ho.lead()));
    await tick();
    await ho.restore();
    if (waiting.open) ho.open = true;
    host = ho;
    api.on('end', (e) => e.redirect && clock.setTimeout(() => location.assign(e.redirect), spec.s.td + 1500));
    // The same App takes the host over (no remount), so a launcher being clicked stays in place.
    render(h(App, { R, host: ho, onOpen: ho.start }), root);
    const keep = () => ho.open != wasOpen && hint((wasOpen = ho.open) ? 1 : '');
    keep();
    ho.sub(keep);
    pending.splice(0).forEach((f) => f());
  }
}
