import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../diagnostics/catalogue.ts';
import { NODE_TYPES } from '../model/types.ts';
import { frontHalf } from './run-front.ts';
import { compile } from '../index.ts';

/**
 * docs/scenario-format.md is the user's reference, so its examples must work: every ```json block
 * that is a complete scenario (it has "format") is checked here. Node-level snippets are fenced as
 * ```jsonc and are not extracted.
 */

const docPath = join(import.meta.dirname, '../../docs/scenario-format.md');
const doc = readFileSync(docPath, 'utf8');

/** The complete scenarios in the page, with the line each block starts on. */
function scenarioExamples(markdown: string): { line: number; source: string }[] {
  const out: { line: number; source: string }[] = [];
  const fence = /^```json\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(fence)) {
    if (m[1].includes('"format"')) out.push({ line: markdown.slice(0, m.index).split('\n').length, source: m[1] });
  }
  return out;
}

const examples = scenarioExamples(doc);

describe('docs/scenario-format.md', () => {
  it('has complete scenario examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  for (const { line, source } of examples) {
    it(`the example at line ${line} is valid JSON and has no errors`, () => {
      const scenario = JSON.parse(source);
      const errors = frontHalf(scenario).filter((x) => x.severity === 'error');
      expect(errors).toEqual([]);
    });

    it(`the example at line ${line} compiles into a bundle`, async () => {
      const result = await compile(JSON.parse(source), { botId: 'docs' });
      expect(result.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      expect(result.bundle?.length).toBeGreaterThan(1000);
    });
  }

  it('documents every diagnostic code in its table', () => {
    const missing = DIAGNOSTIC_CODES.filter((code) => !doc.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });

  it('has a section for every node type', () => {
    const headings = [...doc.matchAll(/^### (.+)$/gm)].flatMap((m) => m[1].split(' and '));
    expect(NODE_TYPES.filter((t) => !headings.includes(t))).toEqual([]);
  });
});
