import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { createLogger } from '../../src/logger.js';
import { marker, plantedCases, plantedHost, urlVariables } from '../support/planted-secrets.js';

/** A logger writing into a string. */
function capturedLogger() {
  let output = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      output += String(chunk);
      done();
    },
  });
  return { logger: createLogger('info', stream), output: () => output };
}

describe('logger redaction', () => {
  it.each(plantedCases())(
    'never writes $variable, however the config is logged',
    ({ variable, env, config }) => {
      const { logger, output } = capturedLogger();
      logger.info(config, 'config at the root');
      logger.info({ config }, 'config under a key');
      logger.info({ app: { config } }, 'config two objects down');
      for (const [name, section] of Object.entries(config)) {
        if (section === null || typeof section !== 'object') continue;
        logger.info(section, `${name} at the root`);
        logger.info({ [name]: section }, `${name} under its name`);
      }
      logger.info(env, 'environment at the root');
      logger.info({ env }, 'environment under a key');
      expect(output()).toContain('config two objects down');
      expect(output()).not.toContain(marker);
      // A URL loses its credentials, not its host.
      if (urlVariables.includes(variable)) expect(output()).toContain(plantedHost(variable));
    },
  );

  it('hides secrets in child bindings and error details, leaves the logged object alone, survives cycles', () => {
    const { logger, output } = capturedLogger();
    const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: marker };
    const cyclic: Record<string, unknown> = { apiKey: marker };
    cyclic.self = cyclic;
    logger.child({ client: { credentials } }).info({ cyclic }, 'child');
    logger.child({ tool: 'generate_image' }).child({ apiKey: marker }).info('grandchild');
    const error = new AppError('PROVIDER_ERROR', 'denied', { details: { request: { apiKey: marker } } });
    logger.error({ err: error }, 'failed');
    expect(output()).toContain('AKIAEXAMPLE');
    expect(output()).toContain('denied');
    expect(output()).toMatch(/"tool":"generate_image","apiKey":"\*\*\*".*grandchild/);
    expect(output()).not.toContain(marker);
    expect(credentials.secretAccessKey).toBe(marker);
    expect(cyclic.apiKey).toBe(marker);
  });

  it('still hides authorization headers', () => {
    const { logger, output } = capturedLogger();
    logger.info({ request: { headers: { authorization: `Bearer ${marker}` } } }, 'request');
    logger.info({ headers: { authorization: `Bearer ${marker}` } }, 'headers');
    expect(output()).toContain('headers');
    expect(output()).not.toContain(marker);
  });
});
