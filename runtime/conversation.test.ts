import { describe, expect, it } from 'vitest';
import { drive, scenario } from './test/drive.ts';

const lead = scenario(
  [
    { id: 'hi', type: 'message', text: 'Hi!', next: 'name' },
    { id: 'name', type: 'input', prompt: 'Your name?', var: 'name', input: 'text', next: 'plan' },
    {
      id: 'plan',
      type: 'choice',
      prompt: 'Plan, {{name}}?',
      var: 'plan',
      options: [
        { label: 'Basic', value: 'basic', next: 'seats' },
        { label: 'Pro', value: 'pro', next: 'seats' },
      ],
    },
    {
      id: 'seats',
      type: 'input',
      prompt: 'Seats?',
      var: 'seats',
      input: 'number',
      min: 1,
      max: 500,
      retryText: 'Between 1 and 500, please.',
      next: 'calc',
    },
    { id: 'calc', type: 'set', assign: { total: 'seats * (plan == "pro" ? 20 : 5)' }, next: 'big' },
    { id: 'big', type: 'condition', branches: [{ when: 'total >= 1000', next: 'sales' }], else: 'bye' },
    { id: 'sales', type: 'end', text: 'Sales will call you about {{total}} a month.' },
    { id: 'bye', type: 'end', text: 'That is {{total}} a month. Bye, {{name}}!' },
  ],
  { variables: { name: '', plan: '', seats: 0, total: 0 } },
);

describe('a conversation in the machine', () => {
  it('runs message, input, choice, set, condition and end into the expected transcript', () => {
    const b = drive(lead);
    expect(b.lines()).toEqual(['b: Hi!', 'b: Your name?']);
    b.type('name', '  Ann ');
    b.choose('plan', 1);
    b.type('seats', 'many');
    b.type('seats', '600');
    b.type('seats', '60');
    expect(b.lines()).toEqual([
      'b: Hi!',
      'b: Your name?',
      'u: Ann',
      'b: Plan, Ann?',
      'u: Pro',
      'b: Seats?',
      'u: many',
      'b: Between 1 and 500, please.',
      'u: 600',
      'b: Between 1 and 500, please.',
      'u: 60',
      'b: Sales will call you about 1200 a month.',
    ]);
    expect(b.vars()).toMatchObject({ name: 'Ann', plan: 'pro', seats: 60, total: 1200 });
    expect(b.status()).toBe('done');
  });

  it('ignores answers addressed to a question that is not being asked', () => {
    const b = drive(lead);
    b.choose('plan', 0);
    b.type('seats', '5');
    expect(b.at()).toEqual(['name']);
    expect(b.lines()).toEqual(['b: Hi!', 'b: Your name?']);
  });

  it('resumes from a persisted snapshot with the same transcript and question', () => {
    const a = drive(lead);
    a.type('name', 'Bo');
    const b = drive(lead, { snapshot: a.persisted() });
    expect(b.lines()).toEqual(a.lines());
    expect(b.at()).toEqual(['plan']);
    b.choose('plan', 0);
    b.type('seats', '3');
    expect(b.lines().at(-1)).toBe('b: That is 15 a month. Bye, Bo!');
  });

  it('keeps visitor text as data: markup typed by the visitor is echoed verbatim as text', () => {
    const b = drive(lead);
    b.type('name', '<img src=x onerror=alert(1)>');
    expect(b.lines().at(-1)).toBe('b: Plan, <img src=x onerror=alert(1)>?');
  });

  it('stores every option chosen in a multiple choice and continues at the first chosen option', () => {
    const b = drive(
      scenario([
        {
          id: 'c',
          type: 'choice',
          prompt: 'Pick',
          var: 'picked',
          multiple: true,
          options: [
            { label: 'A', next: 'a' },
            { label: 'B', next: 'b' },
            { label: 'C', next: 'b' },
          ],
        },
        { id: 'a', type: 'end', text: 'a' },
        { id: 'b', type: 'end', text: 'b' },
      ]),
    );
    b.choose('c', 2, 1);
    expect(b.vars().picked).toEqual(['B', 'C']);
    expect(b.lines()).toEqual(['b: Pick', 'u: B, C', 'b: b']);
  });
});
