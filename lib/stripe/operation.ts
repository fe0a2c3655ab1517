import { AsyncLocalStorage } from 'node:async_hooks';

/** The step being run, so a Stripe failure deep in lib/ can name it (e.g. a missing permission). */
const current = new AsyncLocalStorage<string>();

export function currentOperation(): string | undefined {
  return current.getStore();
}

type Perform = (...args: unknown[]) => unknown;
type Operations = Record<
  string,
  { display?: { label?: string }; operation?: Record<string, unknown> }
>;
const PERFORMS = ['perform', 'performList', 'performSubscribe', 'performUnsubscribe'];

/**
 * Runs every perform of the app's triggers, creates and searches inside its operation's label.
 * Called once where the app is assembled; the operations themselves stay unaware of it.
 */
export function nameOperations(app: {
  triggers?: unknown;
  creates?: unknown;
  searches?: unknown;
}): void {
  for (const group of [app.triggers, app.creates, app.searches] as (Operations | undefined)[]) {
    for (const [key, op] of Object.entries(group ?? {})) {
      const label = op.display?.label ?? key;
      for (const name of PERFORMS) {
        const perform = op.operation?.[name];
        if (typeof perform !== 'function') continue;
        op.operation![name] = (...args: unknown[]) =>
          current.run(label, () => (perform as Perform)(...args));
      }
    }
  }
}
