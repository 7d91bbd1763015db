import { d } from '../../../diagnostics/catalogue.ts';
import { FORBIDDEN_MEMBERS } from '../../../expr/index.ts';
import { formatPath } from '../../1-parse/issues.ts';
import { checkBodySecrets, checkHeaders, checkUrlSecrets } from '../secrets.ts';
import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

/** `data.items[0].id`; the empty path saves the whole response body. */
const SAVE_PATH = /^(?:(?:[^.[\]]+|\[\d+\])(?:\.[^.[\]]+|\[\d+\])*)?$/;

export const http: NodeVisitor<'http'> = {
  waits: true,
  edges: (node) => refs(node, 'next', 'onError'),
  assigns: (node) => Object.keys(node.save ?? {}).map((name) => ({ name, field: formatPath('save', [name]) })),
  check(node, cx) {
    cx.text('url', node.url);
    checkUrlSecrets(node.url, 'url', cx);
    checkHeaders(node.headers, 'headers', cx);
    cx.json('body', node.body);
    checkBodySecrets(node.body, 'body', cx);
    cx.duration('timeout', node.timeout);
    cx.duration('retry.backoff', node.retry?.backoff);
    cx.duration('retry.maxDelay', node.retry?.maxDelay);
    for (const [name, path] of Object.entries(node.save ?? {})) {
      const segments = path.split(/[.[\]]/);
      if (!SAVE_PATH.test(path) || segments.some((s) => FORBIDDEN_MEMBERS.has(s))) {
        cx.report(d.http_bad_save_path(cx.at(formatPath('save', [name])), path));
      }
    }
    const c = node.compensate;
    if (c) {
      cx.text('compensate.url', c.url);
      checkUrlSecrets(c.url, 'compensate.url', cx);
      checkHeaders(c.headers, 'compensate.headers', cx);
      cx.json('compensate.body', c.body);
      checkBodySecrets(c.body, 'compensate.body', cx);
    }
  },
};
