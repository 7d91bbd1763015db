import { h } from 'preact';
import type { FormProps } from './form-parts.tsx';

/** The JSON body of an http node, edited as text and stored once it parses. */
export function BodyField(p: FormProps) {
  const text = p.node.body === undefined ? '' : JSON.stringify(p.node.body, null, 2);
  return (
    <div class="cl-field">
      <label for="cl-http-body">Body (JSON)</label>
      <textarea
        id="cl-http-body"
        class="cl-mono"
        rows={4}
        value={text}
        onChange={(e) => {
          const raw = (e.target as HTMLTextAreaElement).value.trim();
          if (raw === '') return p.set('body', undefined);
          try {
            p.set('body', JSON.parse(raw));
          } catch {
            (e.target as HTMLTextAreaElement).setCustomValidity('This is not valid JSON yet');
            (e.target as HTMLTextAreaElement).reportValidity();
          }
        }}
      />
    </div>
  );
}
