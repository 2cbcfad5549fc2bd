import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorGuide, doctorGuideTargets } from '../../src/cli/doctor-guides.js';
import { errorCodes } from '../../src/errors/codes.js';
import { readRepoFile } from '../e2e/support/readme-snippets.js';

const root = path.resolve(import.meta.dirname, '../..');

function anchorExists(target: string): boolean {
  const [file = '', anchor] = target.split('#');
  const text = readRepoFile(file);
  return anchor === undefined || text.includes(`<a id="${anchor}"></a>`);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('operator guides', () => {
  it('docs/troubleshooting.md has a section for every error code', () => {
    const missing = errorCodes.filter(
      (code) => !anchorExists(`docs/troubleshooting.md#${code.toLowerCase().replace(/_/g, '-')}`),
    );
    expect(missing).toEqual([]);
  });

  it('every guide doctor names exists, down to its anchor', () => {
    expect(doctorGuideTargets.filter((target) => !anchorExists(target))).toEqual([]);
  });

  it('doctor points failures, warnings and unconfigured providers to a guide, and nothing else', () => {
    expect(doctorGuide({ name: 'database', ok: false, detail: 'connect ECONNREFUSED' })).toBe(
      'docs/troubleshooting.md#doctor-database',
    );
    expect(doctorGuide({ name: 'storage (s3)', ok: false, detail: 'AccessDenied' })).toBe(
      'docs/troubleshooting.md#doctor-storage-s3',
    );
    expect(doctorGuide({ name: 'storage (s3)', ok: true, detail: 'probe ok' })).toBeUndefined();
    expect(doctorGuide({ name: 'provider sagemaker', ok: true, detail: 'not configured: set X' })).toBe(
      'docs/aws-setup.md#sagemaker-deploy',
    );
    expect(
      doctorGuide({ name: 'provider gemini', ok: true, detail: 'configured (gemini-3.5-flash)' }),
    ).toBeUndefined();
    expect(doctorGuide({ name: 'model nova-reel', ok: true, warning: true, detail: 'deprecated' })).toBe(
      'docs/troubleshooting.md#doctor-model-lifecycle',
    );
  });

  it('every docs/…#anchor named in src/ and in the guides exists', () => {
    const texts = [
      ...sourceFiles(path.join(root, 'src')).map((file) => readFileSync(file, 'utf8')),
      ...['troubleshooting', 'aws-setup', 'gcp-setup', 'clients'].map((name) =>
        readRepoFile(`docs/${name}.md`),
      ),
    ];
    const targets = new Set(
      texts.flatMap((text) =>
        [...text.matchAll(/docs\/([a-z-]+\.md)#([a-z0-9-]+)/g)].map((m) => `docs/${m[1]}#${m[2]}`),
      ),
    );
    expect(targets.size).toBeGreaterThan(5);
    expect([...targets].filter((target) => !anchorExists(target))).toEqual([]);
  });
});
