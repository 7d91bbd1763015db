import { h, render } from 'preact';
import type { Env, Spec } from './types.ts';
import type { Storage } from './storage/types.ts';
import { idbStorage } from './storage/idb-storage.ts';
import { memoryStorage } from './storage/memory-storage.ts';
import { createHost, type Host } from './host.ts';
import { register, type BotApi, type EventType } from './api.ts';
import { resolveText } from './text.ts';
import { pickStrings, visitorLangs } from './i18n.ts';
import { serverLink } from './link.ts';
import { App } from './widget/app.tsx';

/** IndexedDB that neither opens nor fails (some private modes) must not hold the bot hostage. */
const withTimeout = <T,>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<T>((_, no) => setTimeout(() => no(new Error('timed out')), ms))]);

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => (b + 256).toString(16).slice(1)).join('');

/** Only plain colour syntax reaches the stylesheet; a theme value cannot inject CSS. */
const safeCss = (s: string) => (/^[#\w(),.% -]{1,64}$/.test(s) ? s : '');

/**
 * The bundle's entry: registers the JS API, opens storage, restores or waits to start the
 * conversation, and mounts the widget in an open shadow root. Nothing thrown here reaches the page.
 */
export function boot(spec: Spec, $: any): void {
  const on: Partial<Record<EventType, Set<(d: any) => void>>> = {};
  const sticky: unknown[] = [];
  const emit = (type: EventType, data: any) => {
    if (type === 'error' && /^storage/.test(data.code)) sticky.push(data);
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
    if (host) (host.open = true), host.start();
  };
  const api: BotApi = {
    open: begin,
    close: () => host && (host.open = false),
    send: (event, data) => {
      if (!host) return;
      if (st.type === 'event' && st.name === event && !host.view().started) begin();
      host.send({ type: 'e:' + event, d: data });
    },
    on(type, fn) {
      (on[type] = on[type] || new Set()).add(fn);
      if (type === 'error') sticky.forEach((d) => fn(d));
      return () => on[type]!.delete(fn);
    },
    variables: () => (host ? host.variables() : {}),
    reset: () => host && host.reset(),
  };
  if (!register(spec.id, api)) return;
  start().catch((err) => emit('error', { code: 'runtime.failed', message: String(err) }));

  async function start() {
    let store: Storage;
    try {
      store = await withTimeout(idbStorage(), 3000);
    } catch (err) {
      store = memoryStorage();
      emit('error', { code: 'storage.unavailable', message: 'IndexedDB is unavailable (' + err + '); the conversation is kept in memory only' });
    }
    let vid = await store.get<string>('vid').catch(() => undefined);
    if (!vid) await store.set('vid', (vid = randomId())).catch(() => undefined);
    const langs = visitorLangs();
    const strings = pickStrings(spec.ui, langs, spec.s.l);
    const R: Env = {
      spec, N: spec.n, $, vid,
      now: () => Date.now(),
      tx: (t, v) => resolveText(t, v, langs, spec.s.l),
      ui: (k) => strings[k],
      link: serverLink(spec.u, spec.id),
    };
    const ho = (host = createHost(R, store, emit));
    const restored = await ho.restore();
    api.on('end', (e) => e.redirect && setTimeout(() => location.assign(e.redirect), spec.s.td + 1500));
    if (!document.body) await new Promise((r) => addEventListener('DOMContentLoaded', r, { once: true }));
    const inline = spec.s.o === 'inline';
    const target = inline && spec.s.g ? document.querySelector(spec.s.g) : null;
    if (inline && !target) emit('error', { code: 'widget.target_missing', message: 'No element matches ' + spec.s.g });
    const el = document.createElement('div');
    el.setAttribute('data-chatlet', spec.id);
    (target || document.body).appendChild(el);
    const root = el.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    const accent = safeCss(spec.s.th.accent || '');
    sheet.replaceSync(spec.css + (accent ? `.w{--a:${accent}}` : ''));
    root.adoptedStyleSheets = [sheet];
    render(h(App, { R, host: ho, onOpen: ho.start }), root);
    if (restored) return;
    if (st.type === 'load' || (inline && st.type === 'open')) begin();
    else if (spec.tr) spec.tr(st, begin);
  }
}
