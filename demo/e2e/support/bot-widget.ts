/**
 * Test support: the one page object for a Chatlet widget, and what a bot keeps in IndexedDB. It talks
 * to the widget only through its accessibility contract (docs/architecture.md): a launcher button
 * "Open chat", a `role="log"` transcript of list items, choice buttons named by their label, and a
 * textbox "Your answer" with a "Send" button. Role locators pierce the widget's open shadow root, so
 * nothing here depends on its markup.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Drives one bot's widget on a page, found by the bot's id. */
export class BotWidget {
  /** The bot's host element; every locator is scoped to it, so two bots on a page never mix. */
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly id: string,
  ) {
    this.root = page.locator(`[data-chatlet="${id}"]`);
  }

  get launcher(): Locator {
    return this.root.getByRole('button', { name: 'Open chat' });
  }
  get transcript(): Locator {
    return this.root.getByRole('log');
  }
  get messages(): Locator {
    return this.transcript.getByRole('listitem');
  }
  get textbox(): Locator {
    return this.root.getByRole('textbox', { name: 'Your answer' });
  }
  get sendButton(): Locator {
    return this.root.getByRole('button', { name: 'Send', exact: true });
  }
  get doneButton(): Locator {
    return this.root.getByRole('button', { name: 'Done', exact: true });
  }
  option(label: string): Locator {
    return this.root.getByRole('button', { name: label, exact: true });
  }

  /** Opens the chat unless it is open already (it comes back open after a reload). */
  async open(): Promise<void> {
    // The launcher is drawn before the saved conversation is read; when that says the chat was
    // open, the launcher gives way to the chat by itself, maybe while it is being clicked.
    await expect(async () => {
      if (!(await this.transcript.isVisible())) await this.launcher.click({ timeout: 1_000 });
      await expect(this.transcript).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  }

  /** Waits until some message in the transcript contains `text`. */
  async expectMessage(text: string | RegExp): Promise<void> {
    await expect(this.messages.filter({ hasText: text }).first()).toBeVisible();
  }

  /** Waits for the textbox, types the answer and sends it. */
  async answer(text: string): Promise<void> {
    await this.textbox.fill(text);
    await this.sendButton.click();
  }

  /** Clicks one option of a pending choice. */
  async choose(label: string): Promise<void> {
    await this.option(label).click();
  }

  /** Toggles the labels of a multiple choice, then presses Done. */
  async chooseMany(labels: string[]): Promise<void> {
    for (const l of labels) await this.option(l).click();
    await this.doneButton.click();
  }

  /** The transcript as the visitor reads it, one string per message. */
  async transcriptTexts(): Promise<string[]> {
    return (await this.messages.allInnerTexts()).map((t) => t.trim());
  }
}

/** What one bot keeps in IndexedDB (`chatlet` / `kv` / `b:<id>`), or undefined. */
export function savedRecord(page: Page, id: string): Promise<any> {
  return page.evaluate(async (key) => {
    // Opening a database that does not exist would create it empty, under the bot's feet.
    if (!(await indexedDB.databases()).some((d) => d.name === 'chatlet')) return undefined;
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('chatlet');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('kv')) return (db.close(), resolve(undefined));
        const req = db.transaction('kv').objectStore('kv').get(key);
        req.onsuccess = () => (db.close(), resolve(req.result));
        req.onerror = () => reject(req.error);
      };
    });
  }, 'b:' + id);
}

/** How many transcript entries the saved record holds: what a reload would bring back. */
export async function savedEntries(page: Page, id: string): Promise<number> {
  const rec = await savedRecord(page, id);
  if (!rec || !rec.s) return 0;
  return (rec.p || []).length + rec.s.context.t.length;
}
