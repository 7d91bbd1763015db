// Drawflow ships no types; the editor's shape is in drawflow.d.ts beside this file.
declare module 'drawflow' {
  const Drawflow: new (container: HTMLElement) => import('./drawflow.d.ts').DrawflowEditor;
  export default Drawflow;
}
