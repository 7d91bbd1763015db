/**
 * The widget's styles, adopted by its shadow root, in parts: the compiler imports only the parts
 * a bot can show (a bot without images carries no image rules). `all: initial` on the wrapper
 * stops the host page's inherited styles (fonts, colours, `* { all: unset }`) from reaching inside.
 */
export const CSS_BASE = `:host{all:initial}.w{all:initial;--a:#4f46e5;--f:#fff;font:15px/1.45 system-ui,sans-serif;color:#111827;position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;flex-direction:column;align-items:flex-end}:where(.w *){box-sizing:border-box;font:inherit;color:inherit;margin:0}:where(button){cursor:pointer;border:0;background:none;padding:0}:focus-visible{outline:3px solid var(--a);outline-offset:2px}.l{width:60px;height:60px;border-radius:50%;background:var(--a);color:var(--f);box-shadow:0 6px 20px #0004;display:grid;place-items:center}.l svg{width:28px;fill:currentColor}.p{width:380px;max-width:calc(100vw - 24px);height:560px;max-height:calc(100vh - 40px);background:#fff;border-radius:16px;box-shadow:0 10px 40px #0004;display:flex;flex-direction:column;overflow:hidden}header{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;background:var(--a);color:var(--f);font-weight:600}.x{width:32px;height:32px;font-size:22px;color:var(--f)}.g{flex:1;overflow-y:auto}ul{list-style:none;padding:16px;display:flex;flex-direction:column;gap:8px}li{max-width:85%;padding:8px 12px;border-radius:14px;background:#f3f4f6;white-space:pre-wrap;overflow-wrap:anywhere;align-self:flex-start}li.u{align-self:flex-end;background:var(--a);color:var(--f)}li.s{align-self:center;background:none;color:#4b5563;font-size:13px}.k{padding:12px;border-top:1px solid #e5e7eb;display:flex;flex-wrap:wrap;gap:8px}.o{padding:8px 14px;border:2px solid var(--a);border-radius:99px;color:var(--a)}.o[aria-pressed=true],.o:hover{background:var(--a);color:var(--f)}form{display:flex;gap:8px;width:100%}input{flex:1;min-width:0;padding:10px;border:2px solid #9ca3af;border-radius:10px}.sb{padding:10px 16px;border-radius:10px;background:var(--a);color:var(--f);font-weight:600}@media (max-width:480px){.on:not(.inline){inset:0}.on:not(.inline) .p{width:100%;max-width:none;height:100%;max-height:none;border-radius:0;position:static;transform:none}}`;

/** The typing indicator, for bots with a typing delay. */
export const CSS_TYPING = `.ty{padding:0 16px 10px;display:flex;gap:4px}.ty i{width:7px;height:7px;border-radius:50%;background:#6b7280;animation:b .6s infinite alternate}.ty i+i{animation-delay:.2s}.ty i+i+i{animation-delay:.4s}@keyframes b{to{opacity:.25}}@media (prefers-reduced-motion:reduce){.ty i{animation:none}}`;

/** The inline mode: the chat drawn in the page's flow instead of floating. */
export const CSS_INLINE = `.inline{position:static;display:block}.inline .p{width:100%;height:480px;box-shadow:0 0 0 1px #ddd}`;
/** The popup mode: the chat centred over the page. */
export const CSS_POPUP = `.popup .p{position:fixed;left:50%;top:50%;transform:translate(-50%,-50%);width:440px}`;
/** Images in messages, for bots with a message that has one. */
export const CSS_IMAGE = `li img{display:block;max-width:100%;margin-top:6px}`;
/** A manager's messages, for bots with a handoff. */
export const CSS_MANAGER = `li.m{background:#ecfdf5}`;
/** Links, for bots whose texts use markdown. */
export const CSS_LINK = `a{text-decoration:underline}`;
