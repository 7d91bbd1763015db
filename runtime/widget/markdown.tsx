import { h, type ComponentChild } from 'preact';

const TOKEN = /\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|\n/g;

/**
 * Markdown-lite: **bold**, *italic* or _italic_, [links](https://…) and line breaks. Everything
 * else is text: the result is vnodes, never HTML, so visitor or variable text cannot inject markup.
 */
export function md(text: string): ComponentChild[] {
  const out: ComponentChild[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  TOKEN.lastIndex = 0;
  while ((m = TOKEN.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(
      m[1] ? (
        <b>{m[1]}</b>
      ) : m[2] || m[3] ? (
        <i>{m[2] || m[3]}</i>
      ) : m[5] ? (
        <a href={m[5]} target="_blank" rel="noopener noreferrer">
          {m[4]}
        </a>
      ) : (
        <br />
      ),
    );
    last = TOKEN.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
