import App from '../index';
import { APP_VERSION } from '../lib/version';
import pkg from '../package.json';
import { validateApp } from './helpers';

describe('the app definition', () => {
  it('passes Zapier schema validation with zero problems', async () => {
    expect(await validateApp(App)).toEqual([]);
  });

  it('validation does report a broken definition (the check above can fail)', async () => {
    const broken = {
      ...App,
      triggers: { ...App.triggers, bad: { key: 'bad', noun: 'Bad', display: {}, operation: {} } },
    };
    expect((await validateApp(broken)).length).toBeGreaterThan(0);
  });

  it('declares the same version as package.json', () => {
    expect(APP_VERSION).toBe(pkg.version);
    expect(App.version).toBe(pkg.version);
  });

  it('registers every operation under its own key', () => {
    for (const group of ['triggers', 'creates', 'searches'] as const) {
      for (const [key, op] of Object.entries(App[group] ?? {}))
        expect((op as { key: string }).key).toBe(key);
    }
  });
});
