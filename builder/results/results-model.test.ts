import { describe, expect, it } from 'vitest';
import type { Analytics, ResultPage } from '../../rest/index.ts';
import { TEMPLATES } from '../model/templates.ts';
import type { Doc } from '../model/types.ts';
import { collectableNames, formatTime, nodeFigures, percent, queryOf, resultRows, stepText } from './results-model.ts';

const doc: Doc = {
  format: 'chatlet.scenario/1',
  name: 'Leads',
  start: 'hello',
  variables: { email: '' },
  nodes: [
    { id: 'hello', type: 'message', text: 'Hi', next: 'ask', label: 'Greeting' },
    { id: 'ask', type: 'input', prompt: 'Email?', var: 'email', next: 'ab' },
    {
      id: 'ab',
      type: 'split',
      branches: [
        { weight: 1, next: 'x' },
        { weight: 1, next: 'bye' },
      ],
    },
    { id: 'calc', type: 'set', assign: { score: '1' }, next: 'bye' },
    { id: 'bye', type: 'end' },
  ],
};

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

describe('the Results table', () => {
  it('shows one row per result with its status, last node title and one cell per collected column', () => {
    const page: ResultPage = {
      columns: ['email', 'page.utm.source'],
      next: null,
      results: [
        {
          id: 'r1',
          visitorId: 'v1',
          version: 1,
          startedAt: local(2026, 12, 7, 9, 5),
          updatedAt: local(2026, 12, 7, 9, 7),
          completed: true,
          handoff: false,
          lastNodeId: 'bye',
          path: ['hello', 'ask', 'bye'],
          variables: { email: 'ann@acme.example', 'page.utm.source': 'ads' },
        },
        {
          id: 'r2',
          visitorId: 'v2',
          version: 1,
          startedAt: local(2026, 12, 7, 10, 0),
          updatedAt: local(2026, 12, 7, 10, 1),
          completed: false,
          handoff: false,
          lastNodeId: 'gone',
          path: ['hello', 'gone'],
          variables: { seats: 3 },
        },
      ],
    };
    const [done, left] = resultRows(page, doc);
    expect(done).toMatchObject({
      started: '2026-12-07 09:05',
      updated: '2026-12-07 09:07',
      status: 'Completed',
      lastNode: 'bye',
      cells: ['ann@acme.example', 'ads'],
    });
    expect(done.path.map(stepText)).toEqual(['Greeting (hello) — Hi', 'ask — Email?', 'bye']);
    expect(left.status).toBe('Abandoned');
    expect(left.lastNode).toBe('gone (not in the draft)');
    // A value the column does not hold stays empty; an undeclared one never becomes a column.
    expect(left.cells).toEqual(['', '']);
  });

  it('asks for local calendar days and the chosen status, and leaves out what is not set', () => {
    expect(queryOf({ status: 'all', from: '', to: '' })).toEqual({});
    expect(queryOf({ status: 'abandoned', from: '2026-12-01', to: '2026-12-07' }, 'c2')).toEqual({
      completed: false,
      since: local(2026, 12, 1),
      until: local(2026, 12, 8),
      cursor: 'c2',
    });
  });

  it('shows a time it cannot read as the server wrote it', () => {
    expect(formatTime('soon')).toBe('soon');
  });
});

describe('the analytics overlay', () => {
  it('rounds drop-off to whole percent without claiming 0 % or 100 % for a few visitors', () => {
    expect(percent(1, 4)).toBe('25%');
    expect(percent(0, 0)).toBe('–');
    expect(percent(1, 1000)).toBe('<1%');
    expect(percent(999, 1000)).toBe('>99%');
    expect(percent(4, 4)).toBe('100%');
  });

  it('gives each node its visitors and drop-off, and a split its branches in order', () => {
    const a: Analytics = {
      starts: 4,
      completions: 1,
      nodes: [
        { id: 'hello', reached: 4, dropped: 0 },
        { id: 'ask', reached: 4, dropped: 3 },
        { id: 'ab', reached: 1, dropped: 0 },
      ],
      splits: [
        {
          id: 'ab',
          branches: [
            { index: 1, next: 'bye', starts: 0, completions: 0 },
            { index: 0, next: 'x', starts: 1, completions: 1 },
          ],
        },
      ],
    };
    const f = nodeFigures(a, doc.nodes);
    expect(f.get('ask')).toEqual({ reached: '4 visitors', dropOff: '75% drop-off', branches: [] });
    expect(f.get('ab')!.branches).toEqual([
      'Branch 1 → x: 1 start · 1 completed (100%)',
      'Branch 2 → bye: 0 starts · 0 completed (–)',
    ]);
    expect(f.get('bye')).toEqual({ reached: '0 visitors', dropOff: 'no drop-off', branches: [] });
  });
});

describe('the results settings', () => {
  it('offers the declared and assigned variables, then the page context', () => {
    expect(collectableNames(doc)).toEqual([
      'email',
      'score',
      'page.url',
      'page.referrer',
      'page.utm.source',
      'page.utm.medium',
      'page.utm.campaign',
      'page.utm.term',
      'page.utm.content',
    ]);
  });

  it('has the Lead capture template collect its name and email', () => {
    const lead = TEMPLATES.find((t) => t.title === 'Lead capture')!.make();
    expect(lead.settings?.results?.collect).toEqual(expect.arrayContaining(['name', 'email']));
  });
});
