/** Starter templates: complete bots the author adapts. A test compiles each one without errors. */
import type { Doc } from './types.ts';

const F = 'chatlet.scenario/1';

/** Columns and rows on the canvas: three columns wide, lines wrapping like text, so a template fits a laptop's canvas. */
const at = (col: number, row: number) => ({ x: 60 + col * 300, y: 60 + row * 190 });

/** A new, empty bot: no nodes yet, so the first node added becomes its start. */
export const BLANK = (): Doc => ({
  format: F,
  name: 'My bot',
  locale: 'en',
  settings: { mode: 'bubble', startOn: { type: 'open' } },
  start: '',
  nodes: [],
  layout: {},
});

const leadCapture = (): Doc => ({
  format: F,
  name: 'Lead capture',
  locale: 'en',
  settings: {
    mode: 'bubble',
    startOn: { type: 'open' },
    theme: { accent: '#4f46e5', title: 'Ava' },
    // Opted in, so the owner who starts here sees each lead in the Results tab: these answers only, nothing else.
    results: { collect: ['name', 'email', 'plan'] },
  },
  variables: { name: '', email: '', plan: '', seats: 0 },
  start: 'hello',
  nodes: [
    {
      id: 'hello',
      type: 'message',
      text: "Hi! I'm Ava. Two quick questions and we'll send you an offer.",
      next: 'ask_name',
    },
    { id: 'ask_name', type: 'input', prompt: "What's your name?", var: 'name', input: 'text', next: 'ask_email' },
    {
      id: 'ask_email',
      type: 'input',
      prompt: 'Thanks, {{name}}! Your work email?',
      var: 'email',
      input: 'email',
      retryText: 'That does not look like an email address.',
      next: 'plan',
    },
    {
      id: 'plan',
      type: 'choice',
      prompt: 'Which plan fits you?',
      var: 'plan',
      options: [
        { label: 'Basic', value: 'basic', next: 'bye' },
        { label: 'Team', value: 'team', next: 'seats' },
      ],
    },
    {
      id: 'seats',
      type: 'input',
      prompt: 'How many seats?',
      var: 'seats',
      input: 'number',
      min: 1,
      max: 1000,
      retryText: 'A number from 1 to 1000, please.',
      next: 'bye',
    },
    { id: 'bye', type: 'end', text: "Thanks {{name}}! We'll email {{email}} about the {{plan}} plan." },
  ],
  layout: { hello: at(0, 0), ask_name: at(1, 0), ask_email: at(2, 0), plan: at(0, 1), seats: at(1, 2), bye: at(2, 1) },
});

const faq = (): Doc => ({
  format: F,
  name: 'FAQ',
  locale: 'en',
  settings: { mode: 'bubble', startOn: { type: 'open' } },
  variables: { question: '' },
  start: 'ask',
  nodes: [
    {
      id: 'ask',
      type: 'intent',
      prompt: 'Ask me anything about Acme.',
      var: 'question',
      intents: [
        { name: 'pricing', examples: ['how much', 'price', 'cost', 'pricing'], next: 'pricing' },
        { name: 'refund', examples: ['refund', 'money back', 'cancel'], next: 'refund' },
        { name: 'hours', examples: ['opening hours', 'when are you open', 'support hours'], next: 'hours' },
      ],
      else: 'unsure',
    },
    {
      id: 'pricing',
      type: 'message',
      text: 'Plans start at $9 a month. See [our pricing](https://acme.example/pricing).',
      next: 'more',
    },
    { id: 'refund', type: 'message', text: 'You can get a full refund within 30 days.', next: 'more' },
    { id: 'hours', type: 'message', text: 'We answer Monday to Friday, 9:00–18:00.', next: 'more' },
    {
      id: 'unsure',
      type: 'message',
      text: 'I\'m not sure about "{{question}}". Try asking about pricing, refunds or hours.',
      next: 'more',
    },
    {
      id: 'more',
      type: 'choice',
      prompt: 'Anything else?',
      options: [
        { label: 'Ask another question', next: 'ask' },
        { label: "No, that's all", next: 'bye' },
      ],
    },
    { id: 'bye', type: 'end', text: 'Happy to help!' },
  ],
  layout: {
    ask: at(0, 0.8),
    pricing: at(1, 0),
    refund: at(1, 0.8),
    hours: at(1, 1.6),
    unsure: at(1, 2.4),
    more: at(2, 0.8),
    bye: at(2, 1.8),
  },
});

const reminder = (): Doc => ({
  format: F,
  name: 'Appointment reminder',
  locale: 'en',
  settings: { mode: 'bubble', startOn: { type: 'open' }, longTimerThreshold: 'PT1M' },
  variables: { name: '', day: '' },
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', text: 'I can remind you about your appointment.', next: 'ask_name' },
    { id: 'ask_name', type: 'input', prompt: 'Your name?', var: 'name', input: 'text', next: 'ask_day' },
    {
      id: 'ask_day',
      type: 'input',
      prompt: 'Which day is it? (YYYY-MM-DD)',
      var: 'day',
      input: 'date',
      retryText: 'Please write it like 2025-03-14.',
      next: 'wait_day',
    },
    {
      id: 'wait_day',
      type: 'delay',
      duration: 'P1D',
      text: "Got it, {{name}}. I'll remind you tomorrow.",
      next: 'remind',
    },
    {
      id: 'remind',
      type: 'choice',
      prompt: 'Reminder: your appointment is on {{day}}. Still coming?',
      options: [
        { label: 'Yes', next: 'see_you' },
        { label: 'I need to reschedule', next: 'reschedule' },
      ],
    },
    { id: 'see_you', type: 'end', text: 'See you then!' },
    { id: 'reschedule', type: 'end', text: 'No problem. Pick a new time here:', redirect: 'https://acme.example/book' },
  ],
  layout: {
    hello: at(0, 0),
    ask_name: at(1, 0),
    ask_day: at(2, 0),
    wait_day: at(0, 1),
    remind: at(1, 1),
    see_you: at(2, 1),
    reschedule: at(2, 2),
  },
});

const support = (): Doc => ({
  format: F,
  name: 'Support',
  locale: 'en',
  settings: { mode: 'bubble', startOn: { type: 'open' } },
  variables: { topic: '', email: '' },
  start: 'hello',
  nodes: [
    {
      id: 'hello',
      type: 'choice',
      prompt: 'Hi! What do you need help with?',
      var: 'topic',
      options: [
        { label: 'Billing', value: 'billing', next: 'human' },
        { label: 'Something is broken', value: 'bug', next: 'human' },
        { label: 'Just browsing', value: 'none', next: 'bye' },
      ],
    },
    {
      id: 'human',
      type: 'handoff',
      queue: 'support',
      text: 'Connecting you to a person…',
      timeout: 'PT10M',
      next: 'after',
      onTimeout: 'ask_email',
    },
    {
      id: 'after',
      type: 'condition',
      branches: [{ when: 'handoff.outcome == "resolved"', next: 'glad' }],
      else: 'bye',
    },
    {
      id: 'ask_email',
      type: 'input',
      prompt: 'Nobody is free right now. Leave your email and we will write back.',
      var: 'email',
      input: 'email',
      next: 'noted',
    },
    { id: 'noted', type: 'end', text: "Thanks, we'll write to {{email}} soon." },
    { id: 'glad', type: 'end', text: 'Glad we could help!' },
    { id: 'bye', type: 'end', text: 'Have a nice day!' },
  ],
  layout: {
    hello: at(0, 0),
    human: at(1, 0),
    after: at(2, 0),
    ask_email: at(1, 1),
    glad: at(2, 1),
    noted: at(1, 2),
    bye: at(2, 2),
  },
});

/** The templates the bot picker offers, after "Blank". */
export const TEMPLATES: { key: string; title: string; description: string; make: () => Doc }[] = [
  {
    key: 'lead-capture',
    title: 'Lead capture',
    description: 'Name, email and plan, then a thank-you.',
    make: leadCapture,
  },
  { key: 'faq', title: 'FAQ with intents', description: 'Answers free-text questions by topic.', make: faq },
  {
    key: 'appointment-reminder',
    title: 'Appointment reminder',
    description: 'Asks for a date and reminds a day later.',
    make: reminder,
  },
  {
    key: 'support',
    title: 'Support with handoff',
    description: 'Hands the visitor to a person from your team.',
    make: support,
  },
];
