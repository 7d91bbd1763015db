import type { ElementMapper } from '../types.ts';
import { endEvent, intermediateCatchEvent, startEvent } from './events.ts';
import { eventBasedGateway, exclusiveGateway, parallelGateway } from './gateways.ts';
import { serviceTask, userTask } from './tasks.ts';

/** The BPMN elements Chatlet understands; anything else is reported and left out. */
export const MAPPERS: Record<string, ElementMapper> = {
  'bpmn:StartEvent': startEvent,
  'bpmn:EndEvent': endEvent,
  'bpmn:ExclusiveGateway': exclusiveGateway,
  'bpmn:ParallelGateway': parallelGateway,
  'bpmn:EventBasedGateway': eventBasedGateway,
  'bpmn:IntermediateCatchEvent': intermediateCatchEvent,
  'bpmn:UserTask': userTask,
  'bpmn:ServiceTask': serviceTask,
};
