/**
 * Text the database can store: Postgres refuses NUL in `text` and `jsonb`, and a lone UTF-16
 * surrogate cannot be encoded as UTF-8. Input with either is refused before anything runs;
 * text a model wrote is cleaned before it is kept.
 */
function storable(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

/** The path (`prompt`, `competitors.2`) of the first string that cannot be stored, if any. */
export function unstorableTextAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return storable(value) ? undefined : path || '(input)';
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableTextAt(item, path ? `${path}.${index}` : String(index));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableTextAt(item, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A copy whose strings can all be stored: lone surrogates become U+FFFD, NUL is dropped. */
export function cleanText<T>(value: T): T {
  if (typeof value === 'string') {
    return (storable(value) ? value : value.toWellFormed().replaceAll('\u0000', '')) as T;
  }
  if (Array.isArray(value)) return value.map((item) => cleanText(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanText(item)])) as T;
  }
  return value;
}
