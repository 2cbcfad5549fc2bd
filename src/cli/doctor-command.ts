import { Command } from 'commander';
import { formatProblems, parseConfig } from '../config/load-config.js';
import { redactConfig, redactSecrets } from '../config/redact.js';
import { AppError } from '../errors/app-error.js';
import type { CliContext } from './cli-context.js';
import { doctorGuide } from './doctor-guides.js';

interface Check {
  name: string;
  ok: boolean;
  /** Fine today, but needs attention (a model in use nearing or past its end of life). */
  warning?: boolean;
  detail: string;
  /** The guide section that explains the failure or warning and its fix. */
  guide?: string;
}

function checkMark(check: Check): string {
  if (!check.ok) return 'FAIL';
  return check.warning ? 'warn' : 'ok  ';
}

/** Checks config, database, storage and providers; names what is missing and how to fix it. */
export function createDoctorCommand(context: CliContext): Command {
  return new Command('doctor')
    .description('check configuration, database, storage and providers')
    .action(async () => {
      const checks: Check[] = [];
      let effectiveConfig: unknown;
      const parsed = parseConfig(process.env);
      if (!parsed.ok) {
        checks.push({ name: 'config', ok: false, detail: formatProblems(parsed.problems) });
      } else {
        const config = context.config();
        checks.push({ name: 'config', ok: true, detail: `profile ${config.profile}, home ${config.home}` });
        try {
          await context.withCore(async (core) => {
            await core.checkDatabase();
            checks.push({
              name: 'database',
              ok: true,
              detail:
                config.database.url === undefined
                  ? 'embedded PGlite, migrated'
                  : 'postgres reachable, migrated',
            });
            try {
              const result = await core.probeStorage();
              checks.push({
                name: `storage (${config.storage.backend})`,
                ok: result.ok,
                detail: result.detail,
              });
            } catch (error) {
              checks.push({
                name: `storage (${config.storage.backend})`,
                ok: false,
                detail: redactSecrets(error instanceof Error ? error.message : String(error), config),
              });
            }
            for (const warning of await core.modelLifecycleWarnings())
              checks.push({
                name: `model ${warning.model}`,
                ok: true,
                warning: true,
                detail: warning.message,
              });
          });
        } catch (error) {
          checks.push({
            name: 'database',
            ok: false,
            detail: redactSecrets(error instanceof Error ? error.message : String(error), config),
          });
        }
        const { providerStatus } = await import('../providers/provider-status.js');
        for (const provider of providerStatus(config)) {
          checks.push({
            name: `provider ${provider.provider}`,
            ok: true,
            detail: provider.configured
              ? `configured (${provider.models.join(', ')})`
              : `not configured: set ${provider.missing.join(', ')}`,
          });
        }
        effectiveConfig = redactConfig(config);
      }
      for (const check of checks) {
        const guide = doctorGuide(check);
        if (guide !== undefined) check.guide = guide;
      }
      const human = checks
        .map(
          (check) =>
            `${checkMark(check)}  ${check.name}: ${check.detail}${check.guide === undefined ? '' : ` (see ${check.guide})`}`,
        )
        .join('\n');
      // One JSON document: the effective config (secrets redacted) is an object, not a string.
      context.print()(human, {
        ok: checks.every((check) => check.ok),
        checks,
        ...(effectiveConfig === undefined ? {} : { config: effectiveConfig }),
      });
      if (!checks.every((check) => check.ok))
        throw new AppError('UNAVAILABLE', 'doctor found problems (see above)');
    });
}
