// A module hook that writes every resolved URL to stderr (test/unit/stdio-start-up-imports.test.ts).
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write(`resolved ${resolved.url}\n`);
  return resolved;
}
