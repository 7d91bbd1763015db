/**
 * The Results section of the bot settings (`settings.results` in the scenario): whether the bot reports its
 * conversations, which answers it may send, how long the server keeps them, and whether the visitor must agree
 * first. The text says what is sent and what never is, because that is the promise an owner makes to visitors.
 */
import { h } from 'preact';
import type { Controller } from '../app/controller.ts';
import type { State } from '../app/store.ts';
import { collectableNames, PAGE_CONTEXT } from '../results/results-model.ts';
import { Field, Problems, TextInput } from './fields.tsx';

/** What `settings.results` holds, loosely: the document may be half-finished. */
interface ResultsSettings {
  collect?: unknown;
  retentionDays?: unknown;
  consent?: { variable?: string; accept?: string };
}

const PAGE = new Set<string>(PAGE_CONTEXT);

/** The Results fieldset of the settings panel. */
export function ResultsSettings({ state, ctl }: { state: State; ctl: Controller }) {
  const settings = (state.doc.settings ?? {}) as Record<string, unknown>;
  const results = settings.results as ResultsSettings | undefined;
  const on = !!results && typeof results === 'object';
  const collect = on && Array.isArray(results.collect) ? (results.collect as string[]) : [];
  const names = collectableNames(state.doc);
  // A collected name the scenario no longer sets stays listed, so the author sees it (and its error) and can untick it.
  for (const n of collect) if (!names.includes(n)) names.push(n);
  const at = (path: string) => state.diagnostics.filter((d) => d.path === path || d.path?.startsWith(`${path}.`));
  const put = (next: ResultsSettings | undefined, key: string) => {
    const all: Record<string, unknown> = { ...settings, results: next };
    if (!next) delete all.results;
    ctl.store.run({ type: 'setField', key: 'settings', value: all, coalesce: `settings.results.${key}` });
  };
  const edit = (patch: Partial<ResultsSettings>, key: string) => {
    const next: ResultsSettings = { ...(results ?? {}), collect, ...patch };
    for (const k of Object.keys(patch) as (keyof ResultsSettings)[]) if (patch[k] === undefined) delete next[k];
    put(next, key);
  };
  const consent = on ? results.consent : undefined;
  /** One name's checkbox, with the compiler's problems of that entry under it. */
  const box = (name: string) => (
    <div>
      <label class="cl-check">
        <input
          type="checkbox"
          checked={collect.includes(name)}
          onChange={(e) => {
            const want = (e.target as HTMLInputElement).checked;
            const next = want ? [...collect, name] : collect.filter((c) => c !== name);
            edit({ collect: names.filter((n) => next.includes(n)) }, 'collect');
          }}
        />{' '}
        <span class="cl-mono">{name}</span>
      </label>
      <Problems list={at(`settings.results.collect[${collect.indexOf(name)}]`)} />
    </div>
  );
  return (
    <fieldset class="cl-results-settings">
      <legend>Results</legend>
      <label class="cl-check">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => put((e.target as HTMLInputElement).checked ? { collect: [] } : undefined, 'on')}
        />{' '}
        Keep each conversation's results
      </label>
      <p class="cl-hint">
        When this is on, the published bot reports each conversation to this server: when it started, the nodes it
        reached, whether it finished, and the answers ticked below. Nothing else the visitor typed is ever sent, and a
        bot with this off sends nothing at all. Results appear in the bot's Results tab and the canvas's Analytics; a
        visitor can erase theirs (the page calls Chatlet.forget()).
      </p>
      {on && (
        <div>
          <Problems list={at('settings.results').filter((d) => d.path === 'settings.results')} />
          <fieldset class="cl-results-collect">
            <legend>Answers to keep</legend>
            {names.filter((n) => !PAGE.has(n)).map(box)}
          </fieldset>
          <fieldset class="cl-results-collect">
            <legend>Where the visitor came from</legend>
            <p class="cl-hint">The landing page's address, the page before it, and its utm_ campaign tags.</p>
            {names.filter((n) => PAGE.has(n)).map(box)}
          </fieldset>
          <Field
            label="Keep results for (days)"
            hint="Empty: 90 days. Older results are deleted by the server."
            problems={at('settings.results.retentionDays')}
          >
            {(id) => (
              <input
                id={id}
                type="number"
                min={1}
                max={3650}
                value={typeof results.retentionDays === 'number' ? results.retentionDays : ''}
                onInput={(e) => {
                  const raw = (e.target as HTMLInputElement).value;
                  edit({ retentionDays: raw === '' ? undefined : Number(raw) }, 'retentionDays');
                }}
              />
            )}
          </Field>
          <Field
            label="Ask for consent first: variable"
            hint="Nothing is sent until this variable holds the accepted value (set by a choice node, or by the page calling Chatlet.consent(true)). A visitor who declines is never reported."
            problems={at('settings.results.consent')}
          >
            {(id) => (
              <select
                id={id}
                value={consent?.variable ?? ''}
                onChange={(e) => {
                  const variable = (e.target as HTMLSelectElement).value;
                  edit(
                    { consent: variable ? { variable, accept: consent?.accept ?? 'yes' } : undefined },
                    'consent.variable',
                  );
                }}
              >
                <option value="">No consent question</option>
                {names
                  .filter((n) => !PAGE.has(n))
                  .map((n) => (
                    <option value={n}>{n}</option>
                  ))}
              </select>
            )}
          </Field>
          {consent?.variable && (
            <TextInput
              label="Accepted value"
              value={consent.accept}
              mono
              onInput={(v) => edit({ consent: { variable: consent.variable, accept: v } }, 'consent.accept')}
            />
          )}
        </div>
      )}
    </fieldset>
  );
}
