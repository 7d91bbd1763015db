/**
 * Files that end early (a cut-off download, a copy that lost its tail) are common, and the process
 * usually comes before the diagram. `closeTruncated` drops a half-written tag at the end and closes
 * every element still open, so the importer can recover what the file does contain.
 */

const TAG =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;

/** The XML with its open elements closed, or undefined when it is not cut short. */
export function closeTruncated(xml: string): string | undefined {
  const end = xml.lastIndexOf('>');
  const body = end >= 0 ? xml.slice(0, end + 1) : xml;
  const open: string[] = [];
  for (const m of body.matchAll(TAG)) {
    const [, closing, name, selfClosing] = m;
    if (!name || selfClosing) continue;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else {
      open.push(name);
    }
  }
  if (open.length === 0) return undefined;
  return (
    body +
    open
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}
