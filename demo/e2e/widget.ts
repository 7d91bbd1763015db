import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Talks to a Chatlet widget only through its accessibility contract (architecture.md):
 * launcher button "Open chat", a `role="log"` transcript of list items, choice buttons named
 * by their label, and a textbox plus a "Send" button for free text. Role locators pierce the
 * widget's open shadow root, so nothing here depends on its markup.
 */
export class Widget {
  constructor(readonly page: Page) {}

  get launcher(): Locator {
    return this.page.getByRole('button', { name: 'Open chat' });
  }

  get transcript(): Locator {
    return this.page.getByRole('log');
  }

  get messages(): Locator {
    return this.transcript.getByRole('listitem');
  }

  get textbox(): Locator {
    return this.page.getByRole('textbox');
  }

  get sendButton(): Locator {
    return this.page.getByRole('button', { name: 'Send', exact: true });
  }

  option(label: string): Locator {
    return this.page.getByRole('button', { name: label, exact: true });
  }

  /** Opens the chat unless the widget came back already open (after a reload, say). */
  async open(): Promise<void> {
    await expect(this.launcher.or(this.transcript).first()).toBeVisible();
    if (!(await this.transcript.isVisible())) await this.launcher.click();
    await expect(this.transcript).toBeVisible();
  }

  /** Waits until some message in the transcript contains `text`. */
  async expectMessage(text: string): Promise<void> {
    await expect(this.messages.filter({ hasText: text }).first()).toBeVisible();
  }

  /** Types an answer to a pending free-text question and sends it. */
  async answer(text: string): Promise<void> {
    await this.textbox.fill(text);
    await this.sendButton.click();
  }

  /** Clicks one option of a pending choice. */
  async choose(label: string): Promise<void> {
    await this.option(label).click();
  }

  /** The transcript as the visitor reads it, one string per message. */
  async transcriptTexts(): Promise<string[]> {
    return (await this.messages.allInnerTexts()).map((t) => t.trim());
  }
}
