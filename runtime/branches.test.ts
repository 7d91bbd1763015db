import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { drive, scenario } from './test/drive.ts';

// Split out of services.test.ts, which holds the http service tasks: these nodes run in the browser alone.
const finished = (b: ReturnType<typeof drive>) => waitFor(b.actor, (s) => s.status !== 'active', { timeout: 10_000 });

describe('scripts, branches and splits', () => {
  it('runs script code on a copy of the variables and routes a throw to onError', async () => {
    const doc = (code: string) =>
      scenario(
        [
          { id: 's', type: 'script', code, next: 'ok', onError: 'bad' },
          { id: 'ok', type: 'end', text: 'Hello {{full}}' },
          { id: 'bad', type: 'end', text: 'Script failed' },
        ],
        { variables: { first: 'Ann', full: '' } },
      );
    const ok = drive(doc('vars.first = "changed"; return { full: "Ann Lee" };'));
    await finished(ok);
    expect(ok.lines()).toEqual(['b: Hello Ann Lee']);
    expect(ok.vars().first).toBe('Ann');
    const bad = drive(doc('throw new Error("nope")'));
    await finished(bad);
    expect(bad.lines()).toEqual(['b: Script failed']);
  });

  it('runs parallel branches and continues at the join only when every branch arrived', () => {
    const b = drive(
      scenario(
        [
          { id: 'p', type: 'parallel', branches: ['a1', 'b1'], join: 'j' },
          { id: 'a1', type: 'input', prompt: 'Email?', var: 'email', input: 'email', next: 'j' },
          {
            id: 'b1',
            type: 'choice',
            prompt: 'Size?',
            var: 'size',
            options: [
              { label: 'S', next: 'j' },
              { label: 'L', next: 'j' },
            ],
          },
          { id: 'j', type: 'join', next: 'end' },
          { id: 'end', type: 'end', text: '{{email}} / {{size}}' },
        ],
        { variables: { email: '', size: '' } },
      ),
    );
    b.type('a1', 'ann@example.com');
    expect(b.status()).toBe('active');
    b.choose('b1', 1);
    expect(b.lines().at(-1)).toBe('b: ann@example.com / L');
    expect(b.status()).toBe('done');
  });

  it('keeps a node whose id is j inside a parallel branch, where the compiler marks the end of each branch', () => {
    const b = drive(
      scenario(
        [
          { id: 'p', type: 'parallel', branches: ['j', 'b1'], join: 'meet' },
          { id: 'j', type: 'input', prompt: 'Email?', var: 'email', input: 'email', next: 'meet' },
          { id: 'b1', type: 'choice', prompt: 'Size?', var: 'size', options: [{ label: 'S', next: 'meet' }] },
          { id: 'meet', type: 'join', next: 'end' },
          { id: 'end', type: 'end', text: '{{email}} / {{size}}' },
        ],
        { variables: { email: '', size: '' } },
      ),
    );
    expect(b.lines()).toEqual(['b: Email?', 'b: Size?']);
    b.choose('b1', 0);
    expect(b.status()).toBe('active');
    b.type('j', 'ann@example.com');
    expect(b.lines().at(-1)).toBe('b: ann@example.com / S');
    expect(b.status()).toBe('done');
  });

  it('routes free text to the closest intent, tolerating a typo, and else when nothing matches', () => {
    const doc = scenario([
      {
        id: 'i',
        type: 'intent',
        prompt: 'How can I help?',
        var: 'q',
        intents: [
          { name: 'price', examples: ['how much does it cost', 'pricing'], next: 'price' },
          { name: 'human', examples: ['talk to a person'], next: 'human' },
        ],
        else: 'other',
      },
      { id: 'price', type: 'end', text: 'price' },
      { id: 'human', type: 'end', text: 'human' },
      { id: 'other', type: 'end', text: 'other' },
    ]);
    const say = (text: string) => {
      const b = drive(doc);
      b.type('i', text);
      return b.lines().at(-1);
    };
    expect(say('What is your pricng?')).toBe('b: price');
    expect(say('can I talk to a real person')).toBe('b: human');
    expect(say('the weather today')).toBe('b: other');
  });

  it('sends each visitor down the same A/B branch every time, split by weight', () => {
    const doc = scenario([
      {
        id: 's',
        type: 'split',
        branches: [
          { weight: 1, next: 'a' },
          { weight: 3, next: 'b' },
        ],
      },
      { id: 'a', type: 'end', text: 'A' },
      { id: 'b', type: 'end', text: 'B' },
    ]);
    const branch = (vid: string) => drive(doc, { vid }).lines()[0];
    expect(branch('v-7')).toBe(branch('v-7'));
    const counts = { 'b: A': 0, 'b: B': 0 } as Record<string, number>;
    for (let i = 0; i < 400; i++) counts[branch('visitor-' + i)]++;
    expect(counts['b: A']).toBeGreaterThan(60);
    expect(counts['b: A']).toBeLessThan(140);
  });

  it('falls back to onTimeout with a polite message when no manager can be reached', async () => {
    const b = drive(
      scenario([
        {
          id: 'h',
          type: 'handoff',
          text: 'Let me find a colleague…',
          timeout: 'PT5M',
          next: 'back',
          onTimeout: 'alone',
        },
        { id: 'back', type: 'end', text: 'Glad we sorted it out.' },
        { id: 'alone', type: 'end', text: 'Outcome: {{handoff.outcome}}' },
      ]),
    );
    await finished(b);
    expect(b.lines()).toEqual([
      'b: Let me find a colleague…',
      'b: Our team could not join right now. Let me help you in the meantime.',
      'b: Outcome: timeout',
    ]);
  });
});
