import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { StartupError } from './startup-error.js';

describe('loadConfig', () => {
  it('gives the documented defaults', async () => {
    const config = await loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.profile.locales[0]).toBe('en');
  });

  it('treats empty variables as unset', async () => {
    const config = await loadConfig({ DATABASE_URL: '', PORT: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it.each([
    [{ PORT: '-1' }, /PORT/],
    [{ PORT: '1.5' }, /PORT/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY must be true or false/],
    [{ DATABASE_URL: 'postgres://[not-a-host' }, /DATABASE_URL is not a valid address/],
  ])('refuses %o with a StartupError', async (env, message) => {
    const error = await loadConfig(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(message);
  });
});
