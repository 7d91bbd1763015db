/**
 * The document the preview iframe runs: the real compiled bundle, the JS-API stub before it, and a
 * relay that posts the bot's state and variables to the builder. The iframe is sandboxed with
 * `allow-scripts` only, so it has an opaque origin: the bot cannot reach the builder's cookies or
 * DOM, and its storage is unavailable (the runtime then keeps the conversation in memory).
 * A srcdoc document inherits the builder page's Content-Security-Policy, so its scripts carry the
 * page's nonce; its own policy only narrows that further.
 */

/** The JS-API stub of docs/js-api.md, so page calls made before the bot loads are queued. */
export const STUB = `window.Chatlet=window.Chatlet||{bots:{},q:[]};["open","close","send","on","variables","reset","consent","forget"].forEach(function(m){Chatlet[m]=Chatlet[m]||function(){Chatlet.q.push([m,arguments])}});`;

/**
 * In an opaque origin, `navigator.locks` exists but every request throws a SecurityError, which
 * the runtime does not expect (it handles a missing Locks API by running on its own). Hiding it
 * in the preview gives the runtime the case it handles.
 */
export const PRELUDE = `if (self.origin === 'null') { try { Object.defineProperty(Navigator.prototype, 'locks', { get: function () { return undefined; }, configurable: true }); } catch (e) {} }`;

/** Posts `{chatletPreview: kind, …}` to the builder on every step, and opens the chat. */
export const RELAY = `(function(){
  function post(kind, data){ var m = { chatletPreview: kind }; for (var k in data) m[k] = data[k];
    try { parent.postMessage(JSON.parse(JSON.stringify(m)), '*'); } catch (e) { parent.postMessage({ chatletPreview: kind }, '*'); } }
  function vars(){ try { return Chatlet.variables() || {}; } catch (e) { return {}; } }
  Chatlet.on('state', function(s){ post('state', { at: s && s.at, status: s && s.status, variables: vars() }); });
  Chatlet.on('error', function(e){ post('error', { code: e && e.code, message: e && e.message }); });
  Chatlet.on('end', function(){ post('state', { status: 'done', variables: vars() }); });
  Chatlet.open();
  setTimeout(function(){ post('ready', { variables: vars() }); }, 0);
})();`;

/** Keeps a bundle's text from closing the script element it sits in. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The srcdoc for a preview of `bundle`; `nonce` is the builder page's script nonce ('' when it has none). */
export function previewDocument(bundle: string, nonce: string): string {
  const n = nonce ? ` nonce="${escapeAttr(nonce)}"` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview</title>
</head><body>
<script${n}>${PRELUDE}</script>
<script${n}>${STUB}</script>
<script${n}>${RELAY}</script>
<script${n}>${inlineScript(bundle)}</script>
</body></html>`;
}

/** Where the preview runs when the builder page has no nonce: a static page that runs what the builder posts. */
export const FRAME_URL = '/assets/preview.html';

/** The scripts the static preview page runs, in order. */
export function previewScripts(bundle: string): string[] {
  return [PRELUDE, STUB, RELAY, bundle];
}
