import { describe, expect, it } from 'vitest';
import { parse } from '../1-parse/index.ts';
import { analyze } from '../2-analyze/index.ts';
import { lower } from './index.ts';

/** The redirect a one-node scenario's end carries into the bundle, or undefined when it is dropped. */
function loweredRedirect(redirect: string): unknown {
  const parsed = parse({
    format: 'chatlet.scenario/1',
    name: 'T',
    start: 'bye',
    nodes: [{ id: 'bye', type: 'end', redirect }],
  });
  const { analysis } = analyze(parsed.scenario!);
  // Lowered even when the analysis refused the URL: lowering must not let it through on its own.
  const end = Object.values(lower(parsed.scenario!, analysis).nodes).find((d: any) => d.y === 'end') as { r?: string };
  return end.r;
}

describe("an end node's redirect in the bundle", () => {
  it.each([
    'https://acme.example/thanks',
    'http://acme.example/',
    '/thanks',
    '/thanks?plan=team#top',
    'thanks.html',
    '../done',
  ])('keeps %j, an http(s) URL or a path on the site', (url) => expect(loweredRedirect(url)).toBe(url));

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\nscript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,hi',
    'vbscript:x',
  ])('drops %j, which could run script on the page', (url) => expect(loweredRedirect(url)).toBeUndefined());
});
