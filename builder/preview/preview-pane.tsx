/**
 * Try the bot: the real bundle the server compiles, running in a sandboxed iframe next to the
 * canvas. Restart starts a fresh conversation; "Start from the selected node" compiles a copy of
 * the draft that starts there. The variables panel follows the bot live.
 */
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import type { Controller } from '../app/controller.ts';
import type { State } from '../app/store.ts';
import { previewNote, previewScenario, type PreviewScenario } from './preview-scenario.ts';
import { FRAME_URL, previewDocument, previewScripts } from './srcdoc.ts';

/** The builder script's nonce, read while it runs (`currentScript` is gone afterwards). */
const NONCE =
  (document.currentScript as HTMLScriptElement | null)?.nonce ||
  (document.querySelector('script[nonce]') as HTMLScriptElement | null)?.nonce ||
  '';
/**
 * A srcdoc frame inherits this page's CSP, so it can run inline scripts only with the page's
 * nonce. Without one (the page was served as a plain file) the preview runs in a static page of
 * ours instead, which runs the scripts the builder posts to it.
 */
const USE_SRCDOC = NONCE !== '' && NONCE !== '__CSP_NONCE__';
/**
 * Scripts, and forms: the widget's answer box is a form, and Chromium drops a form's submit event
 * in a frame sandboxed without allow-forms. Neither gives the frame the builder's origin.
 */
const SANDBOX = 'allow-scripts allow-forms';

/** The preview: the real bundle of the draft in a sandboxed frame beside the canvas. */
export function PreviewPane({ state, ctl }: { state: State; ctl: Controller }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [srcdoc, setSrcdoc] = useState<string | undefined>();
  const bundleRef = useRef<string | undefined>();
  const preparedRef = useRef<Pick<PreviewScenario, 'redirects' | 'handoffs'>>({ redirects: {}, handoffs: [] });
  const [runId, setRunId] = useState(0);
  const [status, setStatus] = useState('');
  const [vars, setVars] = useState<Record<string, unknown>>({});
  const [at, setAt] = useState<string[]>([]);
  const [from, setFrom] = useState<string | undefined>();

  const run = async (startAt?: string) => {
    const doc = ctl.store.get().doc;
    setFrom(startAt);
    setStatus('Building the preview…');
    setVars({});
    setAt([]);
    try {
      const { scenario, ...prepared } = previewScenario(doc, startAt);
      preparedRef.current = prepared;
      const bundle = await api.preview(state.bot.id, scenario);
      bundleRef.current = bundle;
      setSrcdoc(USE_SRCDOC ? previewDocument(bundle, NONCE) : '');
      setRunId((n) => n + 1);
      setStatus('');
    } catch (err) {
      const n = err instanceof ApiError ? err.diagnostics.filter((d) => d.severity === 'error').length : 0;
      setSrcdoc(undefined);
      setStatus(
        n
          ? `The bot cannot run yet: it has ${n} error${n > 1 ? 's' : ''} (see Problems).`
          : `The preview failed: ${(err as Error).message}`,
      );
    }
  };

  useEffect(() => {
    void run();
    const onMessage = (e: MessageEvent) => {
      if (!frame.current || e.source !== frame.current.contentWindow || !e.data?.chatletPreview) return;
      const m = e.data as {
        chatletPreview: string;
        variables?: Record<string, unknown>;
        at?: string[];
        message?: string;
        code?: string;
      };
      if (m.chatletPreview === 'frame-ready' && bundleRef.current !== undefined) {
        // An opaque origin cannot be named as a target; the frame checks that we are its parent.
        frame.current.contentWindow!.postMessage({ chatletScripts: previewScripts(bundleRef.current) }, '*');
        return;
      }
      if (m.variables) setVars(m.variables);
      if (m.at) setAt(m.at);
      const note = previewNote(m.at, preparedRef.current);
      if (note) setStatus(note);
      if (m.chatletPreview === 'error' && m.code !== 'storage.unavailable')
        setStatus(`The bot reported: ${m.message ?? m.code}`);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  const selected = state.selection.size === 1 ? [...state.selection][0] : undefined;
  return (
    <aside class="cl-preview" aria-label="Preview">
      <div class="cl-preview-bar">
        <h2>Preview</h2>
        <button type="button" onClick={() => run(from)}>
          Restart
        </button>
        <button
          type="button"
          disabled={!selected}
          onClick={() => run(selected)}
          title="Compile a copy of the draft that starts at the selected node"
        >
          Start from selected node
        </button>
        <button
          type="button"
          class="cl-icon"
          aria-label="Close preview"
          onClick={() => ctl.store.set({ previewOpen: false })}
        >
          ×
        </button>
      </div>
      {from && <p class="cl-hint">Starting at {from}.</p>}
      {status && (
        <p role="status" class="cl-preview-status">
          {status}
        </p>
      )}
      {srcdoc !== undefined &&
        (USE_SRCDOC ? (
          <iframe key={runId} ref={frame} title="Bot preview" sandbox={SANDBOX} srcdoc={srcdoc} />
        ) : (
          <iframe key={runId} ref={frame} title="Bot preview" sandbox={SANDBOX} src={FRAME_URL} />
        ))}
      <h3>Variables {at.length > 0 && <span class="cl-hint">at {at.join(', ')}</span>}</h3>
      <table class="cl-live-vars" aria-label="Live variables">
        <tbody>
          {Object.entries(vars).map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td>{typeof v === 'string' ? v : JSON.stringify(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
