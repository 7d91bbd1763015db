const MAX_ID_IN_MESSAGE = 80;

/**
 * The body of a 404 for a bot script: valid JavaScript that logs exactly one warning, so a landing page
 * with a wrong or unpublished id says why in the console instead of failing silently or with a syntax error.
 * The id comes from the URL, so it is embedded as a JSON string with `<`, `>`, `&` and line separators escaped.
 */
export function notPublishedScript(botId: string): string {
  const id = botId.length > MAX_ID_IN_MESSAGE ? `${botId.slice(0, MAX_ID_IN_MESSAGE)}…` : botId;
  const message = safeJsString(`Chatlet: bot ${id} is not published`);
  return `typeof console!=="undefined"&&console.warn(${message});\n`;
}

function safeJsString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
