/** Publishing, the version history with restore, and the embed snippet to paste into a page. */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Version } from '../api.ts';
import type { Controller } from '../app/controller.ts';
import type { State } from '../app/store.ts';
import type { Doc } from '../model/types.ts';

/** The JS-API stub from docs/js-api.md, so calls made before the bot loads are queued. */
const STUB = `window.Chatlet=window.Chatlet||{bots:{},q:[]};["open","close","send","on","variables","reset"].forEach(function(m){Chatlet[m]=Chatlet[m]||function(){Chatlet.q.push([m,arguments])}});`;

/** What a landing page pastes: the stub, then the one script tag. */
export function embedSnippet(scriptUrl: string): string {
  return `<script>\n  ${STUB}\n</script>\n<script src="${scriptUrl}" async></script>`;
}

/** `/try/<id>` on the origin of the bot's script URL (PUBLIC_URL, or the address the builder was opened at). */
export function testPageUrl(scriptUrl: string, botId: string): string {
  return new URL(`/try/${encodeURIComponent(botId)}`, scriptUrl).href;
}

/** The one line the panel says about publishing: the outcome of the last publish here, else what is live. */
function statusLine(note: string, published: State['bot']['published']): string {
  if (note) return note;
  return published ? `Version ${published.version} is live.` : 'Nothing is published yet.';
}

/** Publish: the snippet for the page, the versions, and restoring one. */
export function PublishPanel({ state, ctl }: { state: State; ctl: Controller }) {
  const [versions, setVersions] = useState<Version[] | undefined>();
  const [note, setNote] = useState('');
  const errors = state.diagnostics.filter((d) => d.severity === 'error');
  const refresh = () => api.versions(state.bot.id).then(setVersions, () => setVersions([]));
  useEffect(() => void refresh(), [state.bot.id]);

  const publish = async () => {
    setNote('Publishing…');
    try {
      await ctl.saveNow();
      if (ctl.store.get().save.status !== 'saved') return setNote('Not published: the draft could not be saved first.');
      const result = await api.publish(state.bot.id);
      const { bot } = await api.bot(state.bot.id);
      ctl.store.set({ bot: { ...ctl.store.get().bot, published: bot.published, scriptUrl: bot.scriptUrl } });
      setNote(
        result.unchanged
          ? `Nothing changed since version ${result.version}; it is live.`
          : `Published version ${result.version}. It is live now.`,
      );
      void refresh();
    } catch (err) {
      const n = err instanceof ApiError ? err.diagnostics.filter((d) => d.severity === 'error').length : 0;
      setNote(
        n
          ? `Not published: the draft has ${n} error${n > 1 ? 's' : ''}. Fix them first (see Problems).`
          : `Not published: ${(err as Error).message}`,
      );
    }
  };
  const restore = async (v: number) => {
    try {
      await ctl.saveNow();
      const bot = await api.restore(state.bot.id, v);
      const { etag } = await api.bot(state.bot.id);
      // Undoable like any edit: the restored draft replaces the current one.
      ctl.store.run({ type: 'replaceDocument', doc: bot.draft!.scenario as Doc });
      ctl.store.set({ save: { status: 'saved', etag } });
      setNote(`Version ${v} is the draft again. Publish to serve it.`);
    } catch (err) {
      setNote(`Could not restore version ${v}: ${(err as Error).message}`);
    }
  };

  return (
    <section class="cl-publish" aria-label="Publish">
      <h2>Publish</h2>
      {errors.length > 0 && (
        <div class="cl-refused" role="note">
          <p>
            Publishing is off while the draft has {errors.length} error{errors.length > 1 ? 's' : ''}:
          </p>
          <ul>
            {errors.slice(0, 5).map((d) => (
              <li>
                {d.nodeId ? (
                  <button type="button" class="cl-link" onClick={() => ctl.focus(d.nodeId!)}>
                    {d.message}
                  </button>
                ) : (
                  d.message
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" class="cl-primary" disabled={errors.length > 0} onClick={publish}>
        Publish
      </button>
      <p role="status" class="cl-publish-status">
        {statusLine(note, state.bot.published)}
      </p>

      <h3>Embed on your site</h3>
      {state.bot.published ? (
        <EmbedSnippet botId={state.bot.id} scriptUrl={state.bot.scriptUrl} />
      ) : (
        <p class="cl-hint">
          Publishing gives you a snippet to paste into your site, and a test page with the bot on it.
        </p>
      )}

      <h3>Versions</h3>
      {versions === undefined ? (
        <p class="cl-hint">Loading…</p>
      ) : versions.length === 0 ? (
        <p class="cl-hint">No versions yet.</p>
      ) : (
        <ol class="cl-versions">
          {versions.map((v) => (
            <li>
              <span>Version {v.version}</span> <span class="cl-hint">{new Date(v.createdAt).toLocaleString()}</span>
              <button type="button" onClick={() => restore(v.version)}>
                Restore version {v.version}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The snippet of a published bot, a Copy button that says whether it copied, and the link to its test page. */
function EmbedSnippet({ botId, scriptUrl }: { botId: string; scriptUrl: string }) {
  const [copied, setCopied] = useState<'' | 'Copied' | 'Selected: press Ctrl+C (⌘C) to copy'>('');
  const snippet = embedSnippet(scriptUrl);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(''), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('Copied');
    } catch {
      // No clipboard API (plain http on another host): select the text so a key press copies it.
      const area = document.getElementById('cl-embed') as HTMLTextAreaElement | null;
      area?.select();
      setCopied(document.execCommand?.('copy') ? 'Copied' : 'Selected: press Ctrl+C (⌘C) to copy');
    }
  };
  return (
    <div class="cl-embed">
      <p class="cl-hint">
        Paste this before <code>&lt;/body&gt;</code>. The first script lets the page call <code>Chatlet.open()</code>{' '}
        and friends before the bot has loaded.
      </p>
      <label for="cl-embed" class="cl-visually-hidden">
        Embed snippet
      </label>
      <textarea id="cl-embed" class="cl-mono" rows={6} readOnly value={snippet} />
      <div class="cl-embed-actions">
        <button type="button" onClick={copy}>
          Copy snippet
        </button>
        <span class="cl-copied" role="status">
          {copied}
        </span>
        <a class="cl-test-page" href={testPageUrl(scriptUrl, botId)} target="_blank" rel="noopener">
          Open test page
        </a>
      </div>
      <p class="cl-hint">
        The test page is a page of this Chatlet server with the published bot on it: try it, or send the link to a
        colleague.
      </p>
    </div>
  );
}
