/**
 * The REST contract shared by the server and the two web clients (builder and console): the error catalogue, the
 * handoff view managers get, and the one client. Others import `rest/` only through this file. Nothing here may
 * import Node modules or server/, since the builder and the console bundle it for the browser.
 */
export * from './errors.ts';
export * from './handoffs.ts';
export * from './client.ts';
export * from './results.ts';
