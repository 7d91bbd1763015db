import { describe, expect, it } from 'vitest';
import { check, NODE_TYPES } from '../../compiler/browser.ts';
import { compile } from '../../compiler/index.ts';
import { copy, pasteNodes } from './clipboard.ts';
import { perform, type Command } from './commands.ts';
import { emptyHistory, execute, redo, undo, type History } from './history.ts';
import { newNode, PALETTE } from './new-node.ts';
import { summarize } from './summary.ts';
import { BLANK, TEMPLATES } from './templates.ts';
import type { Doc } from './types.ts';

const ids = (doc: Doc) => new Set(doc.nodes.map((n) => n.id));

/** Twenty edits of every kind an author makes, each computed from the document as it stands. */
const EDITS: ((doc: Doc) => Command)[] = [
  (d) => ({ type: 'addNodes', nodes: [newNode('message', ids(d))], positions: { message_1: { x: 40, y: 40 } } }),
  (d) => ({ type: 'addNodes', nodes: [newNode('choice', ids(d))], positions: { choice_1: { x: 340, y: 40 } } }),
  () => ({ type: 'connect', id: 'message_1', port: 0, target: 'choice_1' }),
  (d) => ({ type: 'addNodes', nodes: [newNode('input', ids(d))], positions: { input_1: { x: 640, y: 40 } } }),
  () => ({ type: 'connect', id: 'choice_1', port: 0, target: 'input_1' }),
  (d) => ({ type: 'updateNode', id: 'message_1', node: { ...d.nodes[0], text: 'Hello there' }, coalesce: 'a' }),
  (d) => ({
    type: 'updateNode',
    id: 'choice_1',
    node: { ...d.nodes[1], options: [...d.nodes[1].options, { label: 'Maybe', next: '' }] },
  }),
  () => ({ type: 'moveNodes', positions: { input_1: { x: 700, y: 120 } } }),
  (d) => ({ type: 'addNodes', nodes: [newNode('end', ids(d))], positions: { end_1: { x: 900, y: 40 } } }),
  () => ({ type: 'connect', id: 'input_1', port: 0, target: 'end_1' }),
  () => ({ type: 'connect', id: 'choice_1', port: 1, target: 'end_1' }),
  () => ({ type: 'connect', id: 'choice_1', port: 2, target: 'end_1' }),
  (d) => ({
    type: 'updateNode',
    id: 'input_1',
    node: { ...d.nodes[2], id: 'ask_email', var: 'email', input: 'email' },
  }),
  () => ({ type: 'setField', key: 'variables', value: { email: '' } }),
  () => ({ type: 'setField', key: 'name', value: 'Twenty edits' }),
  (d) => ({ type: 'addNodes', ...pasteNodes(d, copy(d, ['message_1'])) }),
  () => ({ type: 'moveNodes', positions: { message_1_copy: { x: 80, y: 400 } } }),
  () => ({ type: 'setStart', id: 'choice_1' }),
  () => ({ type: 'setField', key: 'settings', value: { mode: 'bubble', theme: { accent: '#0f766e' } } }),
  () => ({ type: 'connect', id: 'choice_1', port: 2, target: 'ask_email' }),
];

describe('commands and history', () => {
  it('undoes twenty edits back to the exact first document and redoes them to the exact last one', () => {
    let doc = BLANK();
    let history: History = emptyHistory();
    const seen: Doc[] = [doc];
    EDITS.forEach((edit, i) => {
      ({ doc, history } = execute(history, doc, edit(doc), i * 5000));
      seen.push(doc);
    });
    expect(history.past).toHaveLength(20);
    const snapshots = seen.map((d) => JSON.stringify(d));
    expect(new Set(snapshots).size).toBe(21);
    for (let i = 19; i >= 0; i--) {
      ({ doc, history } = undo(history, doc));
      expect(JSON.stringify(doc)).toBe(snapshots[i]);
    }
    for (let i = 1; i <= 20; i++) {
      ({ doc, history } = redo(history, doc));
      expect(JSON.stringify(doc)).toBe(snapshots[i]);
    }
    expect(check(doc).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('merges typing in one field into one undo step, but not edits of different fields', () => {
    let doc = perform(BLANK(), { type: 'addNodes', nodes: [newNode('message', new Set())], positions: {} });
    let history = emptyHistory();
    const start = doc;
    for (const [i, text] of ['H', 'He', 'Hel', 'Hello'].entries()) {
      ({ doc, history } = execute(
        history,
        doc,
        { type: 'updateNode', id: 'message_1', node: { ...doc.nodes[0], text }, coalesce: 'message_1.text' },
        i * 200,
      ));
    }
    expect(history.past).toHaveLength(1);
    ({ doc, history } = execute(
      history,
      doc,
      { type: 'updateNode', id: 'message_1', node: { ...doc.nodes[0], label: 'x' }, coalesce: 'message_1.label' },
      900,
    ));
    expect(history.past).toHaveLength(2);
    ({ doc, history } = undo(history, doc));
    ({ doc, history } = undo(history, doc));
    expect(doc).toBe(start);
  });

  it('disconnects the ports that pointed at a deleted node, and moves start off it', () => {
    const doc = TEMPLATES[0].make();
    const after = perform(doc, { type: 'deleteNodes', ids: ['ask_name', 'hello'] });
    expect(after.nodes.map((n) => n.id)).not.toContain('ask_name');
    expect(after.start).toBe('ask_email');
    expect(after.layout).not.toHaveProperty('hello');
    const cut = perform(doc, { type: 'deleteNodes', ids: ['plan'] });
    expect(cut.nodes.find((n) => n.id === 'ask_email')!.next).toBe('');
    expect(check(cut).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'node.dangling_next', nodeId: 'ask_email' }),
    );
  });

  it('renames a node everywhere it is named: ports, start and layout', () => {
    const doc = TEMPLATES[0].make();
    const node = doc.nodes.find((n) => n.id === 'hello')!;
    const after = perform(doc, { type: 'updateNode', id: 'hello', node: { ...node, id: 'greeting' } });
    expect(after.start).toBe('greeting');
    expect(after.layout!.greeting).toEqual(doc.layout!.hello);
    expect(check(after).ok).toBe(true);
  });

  it('pastes copies with fresh ids, links between copies rewired and links outside kept', () => {
    const doc = TEMPLATES[0].make();
    const clip = pasteNodes(doc, copy(doc, ['ask_name', 'ask_email']));
    expect(clip.nodes.map((n) => n.id)).toEqual(['ask_name_copy', 'ask_email_copy']);
    expect(clip.nodes[0].next).toBe('ask_email_copy');
    expect(clip.nodes[1].next).toBe('plan');
    expect(clip.positions.ask_name_copy).toEqual({ x: doc.layout!.ask_name.x + 40, y: doc.layout!.ask_name.y + 40 });
  });

  it('offers every node type in the palette, each dropping in as a node the compiler accepts', () => {
    expect(PALETTE.map((p) => p.type).sort()).toEqual([...NODE_TYPES].sort());
    for (const { type } of PALETTE) {
      const node = newNode(type, new Set());
      const doc = { ...BLANK(), start: node.id, nodes: [node] };
      const schema = check(doc).diagnostics.filter(
        (x) => x.code === 'schema.invalid' || x.code === 'node.unknown_type',
      );
      expect(schema, type).toEqual([]);
    }
  });

  it('summarises nodes as plain readable lines', () => {
    expect(summarize({ id: 'a', type: 'message', text: { en: 'Hello  there', uk: 'Привіт' } })).toEqual([
      'Hello there',
    ]);
    expect(summarize({ id: 'a', type: 'input', prompt: 'Email?', var: 'email', input: 'email' })).toEqual([
      'Email?',
      '→ email (email)',
    ]);
    expect(summarize({ id: 'a', type: 'http', method: 'POST', url: 'https://x.example/leads' })).toEqual([
      'POST https://x.example/leads',
    ]);
    expect(summarize({ id: 'a', type: 'delay', duration: 'PT36H' })).toEqual(['for 36 hours']);
    expect(summarize({ id: 'a', type: 'delay', duration: 'P1D' })).toEqual(['for 1 day']);
    expect(summarize({ id: 'a', type: 'delay', duration: { expr: 'vars.wait' } })).toEqual(['for {vars.wait}']);
  });
});

describe('starter templates', () => {
  for (const t of TEMPLATES) {
    it(`"${t.title}" compiles into a bundle without errors or warnings`, async () => {
      const result = await compile(t.make(), { botId: 'b_template', minify: false });
      expect(result.diagnostics).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }

  it('the appointment reminder waits one day, and the support template hands off to a person', () => {
    const reminder = TEMPLATES.find((t) => t.key === 'appointment-reminder')!.make();
    expect(reminder.nodes.find((n) => n.type === 'delay')).toMatchObject({ duration: 'P1D' });
    const faq = TEMPLATES.find((t) => t.key === 'faq')!.make();
    expect(faq.nodes.find((n) => n.type === 'intent')!.intents.length).toBeGreaterThanOrEqual(3);
    expect(
      TEMPLATES.find((t) => t.key === 'support')!
        .make()
        .nodes.some((n) => n.type === 'handoff'),
    ).toBe(true);
  });
});
