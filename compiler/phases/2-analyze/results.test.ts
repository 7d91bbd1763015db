import { describe, expect, it } from 'vitest';
import { frontHalf } from '../../test/run-front.ts';
import { looksLikeSecretName } from './secrets.ts';
import { parse } from '../1-parse/index.ts';
import { analyze } from './index.ts';

// settings.results and page context: what parse refuses, what analyze reports, and what it learns.

const ask = (id: string, v: string, next: string) => ({ id, type: 'input', prompt: 'p', var: v, input: 'text', next });
const consentChoice = {
  id: 'agree',
  type: 'choice',
  prompt: 'May we keep your answers?',
  var: 'agreed',
  options: [
    { label: 'Yes', value: 'yes', next: 'end' },
    { label: 'No', value: 'no', next: 'end' },
  ],
};

/** A scenario that asks for name and email, then consent, with `results` as its settings.results. */
function doc(results: unknown, extra: Record<string, unknown> = {}) {
  return {
    format: 'chatlet.scenario/1',
    name: 'T',
    start: 'a',
    settings: { results },
    nodes: [ask('a', 'name', 'b'), ask('b', 'email', 'agree'), consentChoice, { id: 'end', type: 'end' }],
    ...extra,
  };
}

const found = (input: unknown) => frontHalf(input).map(({ code, severity, path }) => ({ code, severity, path }));

describe('settings.results', () => {
  it('accepts collected variables, page context, a retention and a consent choice without a finding', () => {
    const results = {
      collect: ['name', 'email', 'page.url', 'page.referrer', 'page.utm.source', 'page.utm.content'],
      retentionDays: 30,
      consent: { variable: 'agreed', accept: 'yes' },
    };
    expect(found(doc(results))).toEqual([]);
    expect(found(doc({ collect: [] }))).toEqual([]);
  });

  it.each([
    ['collect is not a list', { collect: 'email' }, 'settings.results.collect'],
    ['collect is missing', {}, 'settings.results.collect'],
    ['a collected name is not text', { collect: ['email', 7] }, 'settings.results.collect[1]'],
    ['a collected name is empty', { collect: [''] }, 'settings.results.collect[0]'],
    ['a name is collected twice', { collect: ['email', 'name', 'email'] }, 'settings.results.collect[2]'],
    ['retentionDays is text', { collect: [], retentionDays: '90' }, 'settings.results.retentionDays'],
    ['consent has no accept', { collect: [], consent: { variable: 'agreed' } }, 'settings.results.consent.accept'],
    ['consent has no variable', { collect: [], consent: { accept: 'yes' } }, 'settings.results.consent.variable'],
    [
      'consent accepts the empty text',
      { collect: [], consent: { variable: 'agreed', accept: '' } },
      'settings.results.consent.accept',
    ],
  ])('refuses a malformed shape (%s) as schema.invalid at its field', (_, results, path) => {
    expect(found(doc(results))).toEqual([{ code: 'schema.invalid', severity: 'error', path }]);
  });

  it('names the repeated variable in words, not as a schema message', () => {
    const [x] = frontHalf(doc({ collect: ['email', 'email'] }));
    expect(x.message).toBe('Field "settings.results.collect[1]" repeats "email"; name each variable once.');
  });

  it('warns about an unknown field inside results and keeps the rest', () => {
    const r = parse(doc({ collect: ['email'], keepFor: 3 }));
    expect(r.diagnostics.map((x) => [x.code, x.path])).toEqual([['schema.unknown_field', 'settings.results.keepFor']]);
    expect(r.scenario!.settings!.results).toEqual({ collect: ['email'] });
  });

  it('reports every collected name that no node sets, naming its place in the list', () => {
    const out = frontHalf(doc({ collect: ['email', 'phone', 'page', 'page.utm.gclid', 'page.title'] }));
    expect(out.map((x) => [x.code, x.path])).toEqual([
      ['results.unknown_variable', 'settings.results.collect[1]'],
      ['results.unknown_variable', 'settings.results.collect[2]'],
      ['results.unknown_variable', 'settings.results.collect[3]'],
      ['results.unknown_variable', 'settings.results.collect[4]'],
    ]);
    expect(out[0].message).toContain('"phone"');
    expect(out[3].message).toContain('page.utm.source');
  });

  it('accepts a collected name that is only declared in variables (wait event data, the page)', () => {
    expect(found(doc({ collect: ['plan'] }, { variables: { plan: '' } }))).toEqual([]);
  });

  it('warns, without blocking, when a collected name looks like a secret', () => {
    const nodes = [
      ask('a', 'userPassword', 'b'),
      ask('b', 'card_number', 'c'),
      ask('c', 'pin', 'end'),
      { id: 'end', type: 'end' },
    ];
    const out = found({ ...doc({ collect: ['userPassword', 'card_number', 'pin'] }), nodes });
    expect(out).toEqual(
      [0, 1, 2].map((i) => ({
        code: 'results.secret_like',
        severity: 'warning',
        path: `settings.results.collect[${i}]`,
      })),
    );
  });

  it.each([
    ['password', true],
    ['passwd', true],
    ['cardNumber', true],
    ['creditcard', true],
    ['pin_code', true],
    ['cvv', true],
    ['IBAN', true],
    ['ssn', true],
    ['authToken', true],
    ['client_secret', true],
    ['apiKey', true],
    ['email', false],
    ['shipping', false],
    ['spinach', false],
    ['company', false],
    ['page.utm.campaign', false],
  ])('reads %j as a secret name: %s', (name, yes) => expect(looksLikeSecretName(name)).toBe(yes));

  it.each([0, -5, 3651, 1.5])('refuses retentionDays %j with results.bad_retention', (days) => {
    expect(found(doc({ collect: [], retentionDays: days }))).toEqual([
      { code: 'results.bad_retention', severity: 'error', path: 'settings.results.retentionDays' },
    ]);
  });

  it.each([1, 90, 3650])('accepts retentionDays %j', (days) => {
    expect(found(doc({ collect: [], retentionDays: days }))).toEqual([]);
  });

  it('reports a consent variable the scenario never sets or declares', () => {
    expect(found(doc({ collect: [], consent: { variable: 'gdpr', accept: 'yes' } }))).toEqual([
      { code: 'results.unknown_variable', severity: 'error', path: 'settings.results.consent.variable' },
    ]);
  });

  it('accepts a consent variable only declared, for a page that calls Chatlet.consent()', () => {
    expect(
      found(doc({ collect: [], consent: { variable: 'gdpr', accept: 'yes' } }, { variables: { gdpr: '' } })),
    ).toEqual([]);
  });

  it.each([
    [
      'options without values store their labels',
      [
        { label: 'Yes', next: 'end' },
        { label: 'No', next: 'end' },
      ],
    ],
    ['the value differs in case', [{ label: 'Yes', value: 'Yes', next: 'end' }]],
    ['the value is not text', [{ label: 'Yes', value: true, next: 'end' }]],
  ])('warns when no consent choice can store accept (%s)', (_, options) => {
    const nodes = [
      ask('a', 'name', 'b'),
      ask('b', 'email', 'agree'),
      { ...consentChoice, options },
      { id: 'end', type: 'end' },
    ];
    expect(found({ ...doc({ collect: [], consent: { variable: 'agreed', accept: 'yes' } }), nodes })).toEqual([
      { code: 'results.consent_not_offered', severity: 'warning', path: 'settings.results.consent.accept' },
    ]);
  });

  it('takes a consent variable that a set node or an input may store on trust', () => {
    const nodes = [ask('a', 'agreed', 'b'), ask('b', 'email', 'end'), { id: 'end', type: 'end' }];
    expect(found({ ...doc({ collect: [], consent: { variable: 'agreed', accept: 'yes' } }), nodes })).toEqual([]);
  });

  it('accepts a label that is the accepting value when the option has no value', () => {
    const options = [
      { label: 'yes', next: 'end' },
      { label: 'no', next: 'end' },
    ];
    const nodes = [
      ask('a', 'name', 'b'),
      ask('b', 'email', 'agree'),
      { ...consentChoice, options },
      { id: 'end', type: 'end' },
    ];
    expect(found({ ...doc({ collect: [], consent: { variable: 'agreed', accept: 'yes' } }), nodes })).toEqual([]);
  });

  it('refuses page context as the consent variable, since nothing can set it', () => {
    expect(found(doc({ collect: [], consent: { variable: 'page', accept: 'yes' } })).map((x) => x.code)).toEqual([
      'results.unknown_variable',
    ]);
  });
});

describe('page context', () => {
  const scenario = (nodes: unknown[], extra: Record<string, unknown> = {}) => ({
    format: 'chatlet.scenario/1',
    name: 'T',
    start: 'a',
    nodes: [...nodes, { id: 'end', type: 'end' }],
    ...extra,
  });
  const analysed = (input: unknown) => analyze(parse(input).scenario!);

  it('lets conditions and texts read page.url, page.referrer and page.utm fields', () => {
    const input = scenario([
      { id: 'a', type: 'condition', branches: [{ when: 'page.utm.source == "ads"', next: 'b' }], else: 'b' },
      { id: 'b', type: 'message', text: 'You came from {{page.referrer}} to {{page.url}}', next: 'end' },
    ]);
    expect(frontHalf(input)).toEqual([]);
    expect(analysed(input).analysis.pageContext).toBe(true);
  });

  it.each([
    ['a set node', { id: 'a', type: 'set', assign: { page: '"x"' }, next: 'end' }, 'nodes[0].assign.page'],
    ['an input', ask('a', 'page', 'end'), 'nodes[0].var'],
    [
      'a choice',
      { id: 'a', type: 'choice', prompt: 'p', var: 'page', options: [{ label: 'x', next: 'end' }] },
      'nodes[0].var',
    ],
    [
      'an http save',
      { id: 'a', type: 'http', method: 'GET', url: 'https://x', save: { page: 'data' }, next: 'end' },
      'nodes[0].save.page',
    ],
  ])('refuses storing into page from %s with variable.reserved', (_, node, path) => {
    expect(found(scenario([node]))).toEqual([{ code: 'variable.reserved', severity: 'error', path }]);
  });

  it('refuses page declared in variables with variable.reserved', () => {
    expect(
      found(scenario([{ id: 'a', type: 'message', text: 'hi', next: 'end' }], { variables: { page: 1 } })),
    ).toEqual([{ code: 'variable.reserved', severity: 'error', path: 'variables.page' }]);
  });

  it('marks a scenario that never reads page as not needing page context', () => {
    const input = scenario([{ id: 'a', type: 'message', text: 'Hello {{upper("x")}}, on page 3', next: 'end' }]);
    expect(analysed(input).analysis.pageContext).toBe(false);
  });

  it('marks page context as needed when a script mentions page or results collect a page field', () => {
    const script = scenario([{ id: 'a', type: 'script', code: 'return { from: vars.page.url };', next: 'end' }]);
    expect(analysed(script).analysis.pageContext).toBe(true);
    const collected = scenario([{ id: 'a', type: 'message', text: 'hi', next: 'end' }], {
      settings: { results: { collect: ['page.utm.campaign'] } },
    });
    expect(frontHalf(collected)).toEqual([]);
    expect(analysed(collected).analysis.pageContext).toBe(true);
  });
});
