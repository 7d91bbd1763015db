import { h, Fragment } from 'preact';
import { Checkbox, NumberInput, Select, TextField } from '../fields.tsx';
import { duration, type FormProps, METHODS, pairs } from './form-parts.tsx';
import { BodyField } from './http-body.tsx';

/** An http node: the request (method, URL, headers, body), its timeout and retries, and what to save from the answer. */
export function HttpForm(p: FormProps): h.JSX.Element {
  return (
    <>
      <Select label="Method" value={p.node.method ?? 'GET'} options={METHODS} onChange={(v) => p.set('method', v)} />
      <TextField
        label="URL"
        value={p.node.url}
        locale={p.locale}
        problems={p.at('url')}
        onChange={(v) => p.set('url', v ?? '')}
      />
      {pairs('Headers', 'headers', p, 'Header', 'Value')}
      <BodyField {...p} />
      {duration('Timeout', 'timeout', p)}
      <NumberInput
        label="Retries"
        value={p.node.retry?.max}
        problems={p.at('retry')}
        onChange={(v) => p.set('retry', v === undefined ? undefined : { ...(p.node.retry ?? {}), max: v })}
      />
      {pairs('Save from the response', 'save', p, 'Variable', 'Response path')}
      <Checkbox
        label="Run in the background"
        checked={!!p.node.background}
        onChange={(v) => p.set('background', v || undefined)}
      />
    </>
  );
}
