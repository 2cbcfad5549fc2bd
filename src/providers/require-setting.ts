import { AppError } from '../errors/app-error.js';

/** A setting an adapter cannot start without; `missing` keeps such rows unconfigured, so this is a backstop. */
export function requireSetting(value: string | undefined, variable: string): string {
  if (value === undefined) throw new AppError('PROVIDER_NOT_CONFIGURED', `set ${variable}`);
  return value;
}
