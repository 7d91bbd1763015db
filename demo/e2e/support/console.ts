import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect } from './test.ts';
import { ADMIN } from './bots.ts';

/**
 * A manager of the default organisation, signed in to /console in a browser context of their own. Specs that
 * share a server give different names, so each finds its own manager's row in the KPIs.
 */
export async function managerConsole(browser: Browser, request: APIRequestContext, name = 'Mia') {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = 'helps people all day';
  const created = await request.post('/api/v1/users', {
    headers: ADMIN,
    data: { email, password, name, role: 'manager' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/console');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // Checking a password is slow on purpose (scrypt), and slower still on a busy machine.
  await expect(page).toHaveURL(/\/console$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Chatlet · Manager console' })).toBeVisible();
  return { page, close: () => context.close() };
}

/** Fails with the list of axe-core violations on the page, if any. */
export async function axeClean(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The console's status control (a radio group labelled "Status"), and its two options. */
export function statusControl(page: Page) {
  const group = page.getByRole('radiogroup', { name: 'Status' });
  return {
    group,
    available: group.getByRole('radio', { name: 'Available' }),
    away: group.getByRole('radio', { name: 'Away' }),
  };
}
