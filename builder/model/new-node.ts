/** What a node looks like when the author drops it from the palette: valid fields, ports unconnected. */
import type { NodeDoc } from './types.ts';

const DEFAULTS: Record<string, () => Record<string, unknown>> = {
  message: () => ({ text: 'New message', next: '' }),
  choice: () => ({
    prompt: 'Pick one',
    options: [
      { label: 'Yes', next: '' },
      { label: 'No', next: '' },
    ],
  }),
  input: () => ({ prompt: 'Your answer?', var: 'answer', input: 'text', next: '' }),
  intent: () => ({
    prompt: 'How can I help?',
    var: 'question',
    intents: [{ name: 'pricing', examples: ['price', 'how much'], next: '' }],
    else: '',
  }),
  condition: () => ({ branches: [{ when: 'true', next: '' }], else: '' }),
  set: () => ({ assign: {}, next: '' }),
  http: () => ({ method: 'GET', url: 'https://api.example.com/', next: '' }),
  delay: () => ({ duration: 'PT5S', next: '' }),
  wait: () => ({ events: [{ event: 'page-event', next: '' }] }),
  parallel: () => ({ branches: ['', ''], join: '' }),
  join: () => ({ next: '' }),
  split: () => ({
    branches: [
      { weight: 50, next: '' },
      { weight: 50, next: '' },
    ],
  }),
  handoff: () => ({ queue: 'support', text: 'Connecting you to a person…', next: '' }),
  script: () => ({ code: 'return {};', next: '' }),
  checkpoint: () => ({ next: '' }),
  rollback: () => ({ next: '' }),
  end: () => ({ text: 'Thanks, bye!' }),
};

/** The palette's node types, in the order the palette shows them, with a one-line description each. */
export const PALETTE: { type: string; title: string; hint: string }[] = [
  { type: 'message', title: 'Message', hint: 'The bot says something' },
  { type: 'choice', title: 'Choice', hint: 'Buttons to pick from' },
  { type: 'input', title: 'Input', hint: 'Free text, checked' },
  { type: 'intent', title: 'Intent', hint: 'Route free text by meaning' },
  { type: 'condition', title: 'Condition', hint: 'Branch on variables' },
  { type: 'set', title: 'Set', hint: 'Assign variables' },
  { type: 'http', title: 'HTTP', hint: 'Call a web service' },
  { type: 'delay', title: 'Delay', hint: 'Pause, even for days' },
  { type: 'wait', title: 'Wait', hint: 'Wait for a page event' },
  { type: 'parallel', title: 'Parallel', hint: 'Run branches at once' },
  { type: 'join', title: 'Join', hint: 'Where parallel branches meet' },
  { type: 'split', title: 'A/B split', hint: 'Random branch by weight' },
  { type: 'handoff', title: 'Handoff', hint: 'Hand over to a person' },
  { type: 'script', title: 'Script', hint: 'JavaScript for special cases' },
  { type: 'checkpoint', title: 'Checkpoint', hint: 'Start a transaction' },
  { type: 'rollback', title: 'Rollback', hint: 'Undo HTTP calls since checkpoint' },
  { type: 'end', title: 'End', hint: 'The conversation is over' },
];

/** An id not yet taken: `message_1`, `message_2`… (or `base`, `base_2`… for a given base). */
export function freshId(taken: Set<string>, base: string, numbered = true): string {
  if (!numbered && !taken.has(base)) return base;
  for (let i = numbered ? 1 : 2; ; i++) {
    const id = `${base}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** A new node of the given type with a fresh id. */
export function newNode(type: string, taken: Set<string>): NodeDoc {
  return { id: freshId(taken, type), type, ...(DEFAULTS[type]?.() ?? {}) };
}
