import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { check } from '../../../check.ts';
import { compile } from '../../../index.ts';
import { drive, simClock, type SimClock } from '../../../../runtime/test/drive.ts';
import { feelCondition, importBpmn } from './index.ts';

const FIXTURES = join(import.meta.dirname, '../../../../../shared/fixtures/bpmn');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const codes = (ds: { code: string }[]) => [...new Set(ds.map((x) => x.code))].sort();

/** A minimal BPMN document around some process XML, as Camunda Modeler writes it. */
const bpmn = (process: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="p" name="Test" isExecutable="true">${process}</bpmn:process>${extra}
</bpmn:definitions>`;
const flow = (id: string, from: string, to: string, body = '') =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${body}</bpmn:sequenceFlow>`;

describe('the real Camunda files import and compile', () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.bpmn'))) {
    it(`${file} imports into a scenario that compiles into a bundle without errors`, async () => {
      const { scenario, diagnostics } = await importBpmn(fixture(file));
      expect(scenario).toBeDefined();
      expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      const result = await compile(scenario, { botId: 'b_bpmn', minify: false });
      expect(result.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }
});

describe('the real Camunda files run their happy path', () => {
  let calls: string[];
  let clock: SimClock;
  beforeEach(() => {
    clock = simClock(Date.parse('2026-01-01T00:00:00Z'));
    calls = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(String(url).replace('https://example.com/replace-me/', ''));
      return new Response('{"ok":true}', { status: 200 });
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const run = async (file: string) => drive((await importBpmn(fixture(file))).scenario, { clock });
  const settle = () => clock.advanceAsync(50);

  it('hello-world.bpmn: start → service task → end calls the service once and ends', async () => {
    const b = await run('hello-world.bpmn');
    await settle();
    expect(calls).toEqual(['console-log']);
    expect(b.status()).toBe('done');
  });

  it('Worker-Failure-Retries.bpmn: the service task runs and the process ends', async () => {
    const b = await run('Worker-Failure-Retries.bpmn');
    await settle();
    expect(calls).toEqual(['service-task-worker-failure-retries']);
    expect(b.status()).toBe('done');
  });

  it('conditional-pathway.bpmn: with conditionVariable unset neither condition holds, so the last branch (Path B) runs', async () => {
    const b = await run('conditional-pathway.bpmn');
    await settle();
    expect(calls).toEqual(['wait', 'pathB']);
    expect(b.status()).toBe('done');
  });

  it('await-outcome.bpmn: the 1 s timer catch event holds the process for exactly one second', async () => {
    const b = await run('await-outcome.bpmn');
    await clock.advanceAsync(999);
    expect(b.status()).toBe('active');
    await clock.advanceAsync(1);
    expect(b.status()).toBe('done');
  });

  it('message-correlation-test.bpmn: the message catch event waits for the page event of the same name', async () => {
    const b = await run('message-correlation-test.bpmn');
    await settle();
    expect(b.at()).toEqual(['Event_11031ys']);
    b.event('MESSAGE_CORRELATION_TEST_CATCH', { orderId: 1 });
    await settle();
    expect(b.status()).toBe('done');
  });

  it('Client-DeployWorkflow.bpmn: the event-based gateway continues with the message, or with the 5 s timer', async () => {
    const b = await run('Client-DeployWorkflow.bpmn');
    await settle();
    expect(b.at()).toEqual(['ExclusiveGateway_0wne7eb']);
    b.event('Message_In');
    await settle();
    expect(calls).toEqual(['demo-service', 'process-message']);
    expect(b.status()).toBe('done');

    calls.length = 0;
    const late = await run('Client-DeployWorkflow.bpmn');
    await clock.advanceAsync(5_100);
    expect(calls).toEqual(['demo-service', 'time-out']);
    expect(late.status()).toBe('done');
  });

  it('modeller7File.bpmn (cut short in the original): both parallel branches run and meet at the join', async () => {
    const b = await run('modeller7File.bpmn');
    await settle();
    expect(calls.sort()).toEqual(['product1', 'sum1']);
    b.event('account-sum1-completed');
    await settle();
    expect(calls).toHaveLength(2);
    b.event('account-product1-completed');
    await settle();
    expect(calls).toContain('finalsum');
    b.event('finalsum-computed');
    await settle();
    expect(b.status()).toBe('done');
  });

  it('zeebe-user-task.bpmn: the user task hands off to a person, and goes on when no server answers', async () => {
    const b = await run('zeebe-user-task.bpmn');
    await settle();
    expect(b.status()).toBe('done');
  });
});

describe('the mapping table', () => {
  it('turns start and end events into start and end, keeping names as labels and BPMNDI positions as layout', async () => {
    const { scenario } = await importBpmn(fixture('zeebe-user-task.bpmn'));
    expect(scenario!.start).toBe('Activity_1d6heog');
    expect(scenario!.nodes).toContainEqual({
      id: 'Event_0f0ejpu',
      type: 'end',
      label: 'Zeebe User Task test completed',
    });
    expect(scenario!.nodes).toContainEqual({
      id: 'Activity_1d6heog',
      type: 'handoff',
      label: 'zeebe-user-task',
      next: 'Event_0f0ejpu',
    });
    const layout = scenario!.layout as Record<string, { x: number; y: number }>;
    expect(Object.keys(layout).sort()).toEqual(['Activity_1d6heog', 'Event_0f0ejpu']);
    expect(layout.Activity_1d6heog.x).toBeLessThan(layout.Event_0f0ejpu.x);
  });

  it('translates FEEL conditions of the simple kinds and declares the variables they read', async () => {
    const { scenario } = await importBpmn(fixture('conditional-pathway.bpmn'));
    const gate = (scenario!.nodes as any[]).find((n) => n.type === 'condition');
    expect(gate.branches.map((b: any) => b.when)).toEqual(['conditionVariable == true', 'conditionVariable == false']);
    expect(scenario!.variables).toEqual({ conditionVariable: null });
  });

  it.each([
    ['=approved = true', 'approved == true'],
    ['= amount >= 100 and country != "UA"', 'amount >= 100 && country != "UA"'],
    ['=not(vip) or total < 5.5', '!(vip) || total < 5.5'],
    ['=order.total > 10', 'order.total > 10'],
  ])('FEEL %s becomes %s', (feel, expr) => {
    expect(feelCondition(feel)).toMatchObject({ expr, simple: true });
    expect(
      check({
        format: 'chatlet.scenario/1',
        name: 'x',
        variables: { approved: 0, amount: 0, country: '', vip: 0, total: 0, order: {} },
        start: 'c',
        nodes: [
          { id: 'c', type: 'condition', branches: [{ when: expr, next: 'e' }], else: 'e' },
          { id: 'e', type: 'end' },
        ],
      }).ok,
    ).toBe(true);
  });

  it('keeps a FEEL condition of another kind as written and says so, naming the gateway', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" default="f3"/>
      <bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>${flow('f1', 's', 'g')}
      ${flow('f2', 'g', 'a', '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=count(items) in [1..3]</bpmn:conditionExpression>')}${flow('f3', 'g', 'b')}`);
    const { scenario, diagnostics } = await importBpmn(xml);
    expect(codes(diagnostics)).toEqual(['bpmn.unsupported_condition']);
    expect(diagnostics[0]).toMatchObject({ nodeId: 'g' });
    expect((scenario!.nodes as any[])[0]).toMatchObject({ type: 'condition', else: 'b' });
  });

  it('configures a service task from its task headers: url, method, body', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s"/><bpmn:serviceTask id="t" name="Create lead"><bpmn:extensionElements>
      <zeebe:taskDefinition type="lead"/><zeebe:taskHeaders><zeebe:header key="url" value="https://api.acme.example/leads"/>
      <zeebe:header key="method" value="put"/><zeebe:header key="body" value="{&quot;email&quot;:&quot;{{email}}&quot;}"/></zeebe:taskHeaders>
      </bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`);
    const { scenario, diagnostics } = await importBpmn(xml);
    expect(diagnostics).toEqual([]);
    expect((scenario!.nodes as any[])[0]).toEqual({
      id: 't',
      type: 'http',
      label: 'Create lead',
      method: 'PUT',
      url: 'https://api.acme.example/leads',
      body: { email: '{{email}}' },
      next: 'e',
    });
  });

  it('turns a timer catch event with a date into a delay until that date', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition>
      <bpmn:timeDate xsi:type="bpmn:tFormalExpression">2030-01-01T09:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`);
    const { scenario } = await importBpmn(xml);
    expect((scenario!.nodes as any[])[0]).toEqual({
      id: 't',
      type: 'delay',
      until: 'date("2030-01-01T09:00:00Z")',
      next: 'e',
    });
    expect(check(scenario).ok).toBe(true);
  });

  it('reports every unsupported element by type, name and id, leaves it out, and still compiles', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="s"/><bpmn:scriptTask id="st" name="Compute"/><bpmn:subProcess id="sp" name="Nested"/>
      <bpmn:inclusiveGateway id="ig"/><bpmn:boundaryEvent id="be" attachedToRef="st"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
      <bpmn:intermediateCatchEvent id="sig"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>
      ${flow('f1', 's', 'st')}${flow('f2', 'st', 'sp')}${flow('f3', 'sp', 'ig')}${flow('f4', 'ig', 'sig')}${flow('f5', 'sig', 'e')}`);
    const { scenario, diagnostics } = await importBpmn(xml);
    expect(codes(diagnostics)).toEqual(['bpmn.unsupported_element']);
    const text = diagnostics.map((x) => x.message).join('\n');
    for (const part of [
      'bpmn:ScriptTask "Compute" (id "st")',
      'bpmn:SubProcess "Nested" (id "sp")',
      'bpmn:InclusiveGateway (id "ig")',
      'bpmn:BoundaryEvent (id "be")',
      'bpmn:IntermediateCatchEvent (id "sig")',
    ]) {
      expect(text).toContain(part);
    }
    expect(scenario!.start).toBe('e');
    expect(check(scenario).ok).toBe(true);
  });

  it('answers unreadable XML, a file with no process, and garbage with a diagnostic, never an exception', async () => {
    expect(codes((await importBpmn('<not-bpmn')).diagnostics)).toEqual(['bpmn.invalid_xml']);
    expect(codes((await importBpmn('<a/>')).diagnostics)).toEqual(['bpmn.invalid_xml']);
    expect(codes((await importBpmn(bpmn('<bpmn:task id="t"/>'))).diagnostics)).toEqual(['bpmn.no_process']);
    for (const junk of [
      '',
      '\u0000',
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">',
      null as any,
      42 as any,
    ]) {
      const result = await importBpmn(junk);
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('recovers a file that was cut short, and says so', async () => {
    const { scenario, diagnostics } = await importBpmn(fixture('modeller7File.bpmn'));
    expect(codes(diagnostics)).toEqual(['bpmn.service_task_placeholder', 'bpmn.truncated']);
    expect(scenario!.settings).toEqual({ startOn: { type: 'event', name: 'account-finalsum1-completed' } });
    expect((scenario!.nodes as any[]).find((n) => n.type === 'parallel')).toMatchObject({
      branches: ['ServiceTask_1a3w79q', 'ServiceTask_1yzmyv2'],
      join: 'ExclusiveGateway_051xiwp',
    });
  });
});
