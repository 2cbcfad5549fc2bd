// The dependency rules of the house style (arrows run down: entry points → core → ledger, storage,
// providers, db → config, errors), checked by `npm run check:deps` and in .ci/run.
// test/unit/dependency-rules.test.ts runs this same file against test/fixtures/dependency-violation.
// Paths are relative to the folder depcruise runs in, so every rule is written against `src/…`.
const path = require('node:path');

const entryPoints = '^src/(server|cli|tools|jobs)/|^src/cli\\.ts$';
const upperLayers = '^src/(core|server|cli|tools|jobs|main|agents)/|^src/cli\\.ts$';
const lowerLayers = '^src/(db|credits|storage|providers|config|errors)/';
const providerVendors = 'bedrock|gemini|sagemaker|openai-compatible|sampling';
const storageVendors = 'local|s3|gcs';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  // Type-only imports count everywhere (tsPreCompilationDeps below makes them visible). A type
  // still couples the importer to the imported module's shape: an entry point that names a
  // repository row or a vendor's settings type knows the layer core is meant to hide, and core
  // can hand it its own types instead. No rule filters on dependencyTypes for that reason.
  forbidden: [
    {
      name: 'entry-point-to-repository',
      severity: 'error',
      comment:
        'Entry points (server, cli, tools, jobs, the bin) reach data through core, never a repository.',
      from: { path: entryPoints },
      to: { path: '^src/db/repositories/' },
    },
    {
      name: 'entry-point-to-vendor',
      severity: 'error',
      comment:
        'Entry points never import a provider or storage vendor folder; the composition root (src/main/) ' +
        'builds adapters and hands over ports. This includes the local-disk asset route, whose wiring moves to src/main/.',
      from: { path: entryPoints },
      to: { path: [`^src/providers/(${providerVendors}|aws)/`, `^src/storage/(${storageVendors})/`] },
    },
    {
      name: 'lower-layer-to-upper-layer',
      severity: 'error',
      comment: 'db, credits, storage, providers, config and errors sit below core and the entry points.',
      from: { path: lowerLayers },
      to: { path: upperLayers },
    },
    {
      name: 'core-to-entry-point',
      severity: 'error',
      comment:
        'The core and the agents serve every entry point, so they know none of them: a tool, route or ' +
        'command calls the core, never the other way round.',
      from: { path: '^src/(core|agents)/' },
      to: { path: entryPoints },
    },
    {
      name: 'db-to-credits',
      severity: 'error',
      comment: 'The data layer must not import the ledger; the ledger builds on db, not the other way round.',
      from: { path: '^src/db/' },
      to: { path: '^src/credits/' },
    },
    {
      name: 'provider-vendor-to-other-vendor',
      severity: 'error',
      comment:
        'A provider vendor folder imports only itself and shared provider code; aws/ is shared code ' +
        'and imports no vendor either (which vendors may use aws/ is the next rule).',
      from: { path: `^src/providers/(${providerVendors}|aws)/` },
      to: {
        path: `^src/providers/(${providerVendors}|aws)/`,
        pathNot: ['^src/providers/$1/', '^src/providers/aws/'],
      },
    },
    {
      name: 'non-aws-vendor-to-aws',
      severity: 'error',
      comment: 'The shared AWS folder serves bedrock and sagemaker only.',
      from: { path: `^src/providers/(${providerVendors})/`, pathNot: '^src/providers/(bedrock|sagemaker)/' },
      to: { path: '^src/providers/aws/' },
    },
    {
      name: 'storage-vendor-to-other-vendor',
      severity: 'error',
      comment:
        'Storage adapters (local, s3, gcs) never import each other; shared code lives in src/storage/.',
      from: { path: `^src/storage/(${storageVendors})/` },
      to: { path: `^src/storage/(${storageVendors})/`, pathNot: '^src/storage/$1/' },
    },
    {
      name: 'not-main-to-main',
      severity: 'error',
      comment: 'src/main/ is the composition root; only the bin (src/cli.ts) starts it.',
      from: { path: '^src/', pathNot: '^src/(main/|cli\\.ts$)' },
      to: { path: '^src/main/' },
    },
    {
      name: 'main-to-cli',
      severity: 'error',
      comment:
        'The composition root sits below the CLI: the bin hands `serve` and `stdio` a ProcessContext, ' +
        'so nothing in src/main/ imports a command, its context or its output.',
      from: { path: '^src/main/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      // Type-only cycles count too: verbatimModuleSyntax erases them, so they cannot break module
      // initialisation, but two modules that need each other's types still cannot be read, tested
      // or moved apart, and every such cycle in this layout is a layering inversion in disguise.
      comment: 'Modules never depend on themselves through others, types included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^src/',
    doNotFollow: { path: 'node_modules' },
    // Keeps `import type` in the graph (TypeScript would erase it before a post-compilation scan).
    tsPreCompilationDeps: true,
    // Absolute, so the fixture test can run from its own folder with this same file.
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
