/** The first call's promise, shared by every later call: an SDK client is built once and kept. */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= build();
    return value;
  };
}
