/**
 * Steps through the vault's screens that many browser tests share: waiting for a screen's
 * heading, and signing up the way a newcomer does (recovery-key check included).
 */
import type { Page } from 'playwright-core';

/** Waits for the screen whose level-1 heading is exactly `text`. */
export async function heading(page: Page, text: string): Promise<void> {
  await page
    .getByRole('heading', { level: 1, name: text, exact: true })
    .waitFor({ timeout: 30_000 });
}

/** Creates a diary through the screens and ends on the diary home. */
export async function signUpInBrowser(
  page: Page,
  origin: string,
  username: string,
  passphrase: string,
): Promise<void> {
  await page.goto(`${origin}/vault`);
  await heading(page, 'Your private diary');
  await page.getByRole('button', { name: 'Create a private diary' }).click();
  await heading(page, 'Choose a username');
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Choose a passphrase');
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Type your passphrase again');
  await page.getByLabel('Passphrase again', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Write down your recovery key');
  const words = await page.locator('[data-recovery-words] .recovery-words__word').allInnerTexts();
  await page.getByRole('button', { name: 'I have written them down' }).click();
  await heading(page, 'Check your recovery key');
  const labels = await page.locator('label[for^="word-"]').allInnerTexts();
  const positions = labels.map((l) => Number(/\d+/.exec(l)?.[0]));
  await page.locator('#word-1').fill(words[positions[0]! - 1]!);
  await page.locator('#word-2').fill(words[positions[1]! - 1]!);
  await page.getByRole('button', { name: 'Create my diary' }).click();
  await heading(page, 'Your private diary is ready');
  await page.getByRole('button', { name: 'Go to my diary' }).click();
  await heading(page, 'My diary');
}
