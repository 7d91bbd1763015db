import type { ScriptSyntaxCheck } from './script-syntax.ts';

/** Loads the script syntax check over acorn: in the builder's bundle, a chunk of its own fetched on this call. */
export const loadScriptSyntax = (): Promise<ScriptSyntaxCheck> =>
  import('./acorn-syntax.ts').then((m) => m.acornSyntax);

/**
 * A script syntax check for the browser that fetches its parser the first time it is asked about a
 * script, so a builder whose scenario has no script never downloads acorn. Until the parser has
 * loaded it finds nothing; then it calls `ready` once, for the caller to check again. A load that
 * fails is tried again on the next script (the server's save still reports the syntax meanwhile).
 */
export function lazyScriptSyntax(ready: () => void, load = loadScriptSyntax): ScriptSyntaxCheck {
  let loaded: ScriptSyntaxCheck | undefined;
  let loading = false;
  return (code) => {
    if (loaded) return loaded(code);
    if (!loading) {
      loading = true;
      load().then(
        (check) => ((loaded = check), ready()),
        () => void (loading = false),
      );
    }
    return undefined;
  };
}
