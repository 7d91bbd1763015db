import { expect, test } from './support/test.ts';
import { createBot, openBot, signInQuietly } from './builder-support.ts';
import { BotWidget } from './support/bot-widget.ts';
import { TEMPLATES } from '../../builder/model/templates.ts';

/** The Settings tab's theme preview is a likeness of the live widget: same title, same first words, same launcher. */
test.use({ viewport: { width: 1440, height: 900 } });
// Like the other builder specs: the builder's first load is heavy on a busy machine.
test.describe.configure({ timeout: 60_000 });

test.beforeEach(async ({ page, baseURL }) => {
  await signInQuietly(page, baseURL!);
});

for (const key of ['lead-capture', 'faq']) {
  const template = TEMPLATES.find((t) => t.key === key)!;

  test(`the theme preview of the ${template.title} template shows the title, first words and launcher icon the published widget shows`, async ({
    page,
    baseURL,
  }) => {
    const id = await createBot(page.request, baseURL!, template.title, template.make());
    await openBot(page, id);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const preview = page.getByLabel('Theme preview');
    const title = (await preview.locator('.cl-theme-header').textContent())!;
    const words = await preview.locator('.cl-theme-bubble').allTextContents();
    expect(words.length).toBeGreaterThan(0);
    await expect(preview.locator('.cl-theme-sample')).toHaveCount(0);
    const icon = preview.locator('.cl-theme-launcher svg path');
    await expect(icon).toHaveCount(1);
    const iconPath = (await icon.getAttribute('d'))!;
    await expect(preview.locator('.cl-theme-launcher')).toHaveText('');
    await preview.screenshot({ path: `/tmp/h5-theme-preview-${key}.png` });

    const published = await page.request.post(`/api/v1/bots/${id}/publish`, { headers: { Origin: baseURL! } });
    expect(published.status()).toBe(201);
    await page.goto(`/try/${id}`);
    const widget = new BotWidget(page, id);
    await expect(widget.launcher.locator('svg path')).toHaveAttribute('d', iconPath);
    await widget.open();
    await expect(widget.root.getByRole('dialog')).toHaveAttribute('aria-label', title);
    await expect(widget.root.locator('header')).toContainText(title);
    await expect(widget.messages).toHaveText(words);
  });
}
