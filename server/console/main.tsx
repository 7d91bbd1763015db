/** The manager console: a Preact page at /console (served with the session cookie). */
import { h, render } from 'preact';
import { App } from './app.tsx';
import { CSS } from './styles.ts';

const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const root = document.getElementById('console')!;
root.textContent = '';
render(h(App, null), root);
