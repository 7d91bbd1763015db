import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../model/templates.ts';
import { PREVIEW_HANDOFF_NOTE, previewNote, previewScenario } from './preview-scenario.ts';

const reminder = () => TEMPLATES.find((t) => t.key === 'appointment-reminder')!.make();

describe('the scenario the preview runs', () => {
  it('takes the redirect out of an end node, so the preview frame stays on the conversation', () => {
    const { scenario, redirects } = previewScenario(reminder());
    expect(scenario.nodes.find((n) => n.id === 'reschedule')).not.toHaveProperty('redirect');
    expect(scenario.nodes.find((n) => n.id === 'reschedule')?.text).toBe('No problem. Pick a new time here:');
    expect(redirects).toEqual({ reschedule: 'https://acme.example/book' });
  });

  it('leaves the draft itself untouched', () => {
    const doc = reminder();
    previewScenario(doc);
    expect(doc.nodes.find((n) => n.id === 'reschedule')?.redirect).toBe('https://acme.example/book');
  });

  it('starts at the node the author picked, and at the draft start otherwise', () => {
    expect(previewScenario(reminder(), 'remind').scenario.start).toBe('remind');
    expect(previewScenario(reminder()).scenario.start).toBe('hello');
  });

  it('says where a live visitor would go when the preview ends at a redirecting node, and nothing at another end', () => {
    const prepared = previewScenario(reminder());
    expect(previewNote(['reschedule'], prepared)).toBe(
      'On a live page the visitor would now go to https://acme.example/book.',
    );
    expect(previewNote(['see_you'], prepared)).toBeUndefined();
    expect(previewNote(undefined, prepared)).toBeUndefined();
  });

  it('explains at a handoff that nobody answers in the preview, without calling it an error', () => {
    const support = TEMPLATES.find((t) => t.key === 'support')!.make();
    const prepared = previewScenario(support);
    expect(prepared.handoffs).toEqual(['human']);
    expect(previewNote(['human'], prepared)).toBe(PREVIEW_HANDOFF_NOTE);
    expect(PREVIEW_HANDOFF_NOTE).not.toMatch(/error|failed/i);
  });
});
