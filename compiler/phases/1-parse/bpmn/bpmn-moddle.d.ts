// bpmn-moddle ships its types outside its "exports" map; the importer needs only this much.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: any; warnings: { message: string }[] }>;
  }
}
