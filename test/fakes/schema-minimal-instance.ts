/**
 * The smallest JSON value a JSON Schema (2020-12 subset) allows: what a model that follows the
 * schema to the letter, or decodes constrained by it, answers when asked for "at least" anything.
 * Handles const, enum, anyOf/oneOf (first branch), object (required properties), array (minItems,
 * `items`, and `allOf` of `contains` with `minContains`), string (minLength), number, boolean.
 */
type Schema = Record<string, unknown>;

const asSchema = (value: unknown): Schema =>
  typeof value === 'object' && value !== null ? (value as Schema) : {};

/** The `items` branch a `contains` clause can be met by: the one whose consts it agrees with. */
function branchFor(items: Schema, contains: Schema): Schema {
  const branches = (items.anyOf ?? items.oneOf) as Schema[] | undefined;
  if (branches === undefined) return { ...items, ...contains };
  const wanted = asSchema(contains.properties);
  const match = branches.find((branch) =>
    Object.entries(wanted).every(
      ([name, rule]) => asSchema(asSchema(branch.properties)[name]).const === asSchema(rule).const,
    ),
  );
  return match ?? asSchema(branches[0]);
}

export function minimalInstance(schema: unknown): unknown {
  const node = asSchema(schema);
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum)) return node.enum[0];
  const branches = (node.anyOf ?? node.oneOf) as unknown[] | undefined;
  if (branches !== undefined) return minimalInstance(branches[0]);
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'object' || node.properties !== undefined) {
    const properties = asSchema(node.properties);
    const required = (node.required as string[] | undefined) ?? [];
    return Object.fromEntries(required.map((name) => [name, minimalInstance(properties[name])]));
  }
  if (type === 'array') {
    const items = asSchema(node.items);
    const values: unknown[] = [];
    for (const clause of (node.allOf as Schema[] | undefined) ?? []) {
      if (clause.contains === undefined) continue;
      const branch = branchFor(items, asSchema(clause.contains));
      const count = typeof clause.minContains === 'number' ? clause.minContains : 1;
      for (let index = 0; index < count; index += 1) values.push(minimalInstance(branch));
    }
    const minItems = typeof node.minItems === 'number' ? node.minItems : 0;
    while (values.length < minItems) values.push(minimalInstance(items));
    return values;
  }
  if (type === 'string') return 'x'.repeat(typeof node.minLength === 'number' ? node.minLength : 0);
  if (type === 'integer' || type === 'number') return typeof node.minimum === 'number' ? node.minimum : 0;
  if (type === 'boolean') return false;
  return null;
}
