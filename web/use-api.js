import { useCallback, useEffect, useState } from '/web/vendor/preact-htm.js';

/** Loads with `load()`; a 401 goes to onUnauthorized, other failures become `error`. */
export function useApi(load, onUnauthorized, deps = []) {
  const [state, setState] = useState({ data: undefined, error: '', loading: true });
  const reload = useCallback(async () => {
    setState((previous) => ({ ...previous, loading: true }));
    try {
      setState({ data: await load(), error: '', loading: false });
    } catch (error) {
      if (error.status === 401) onUnauthorized(error.message);
      else setState((previous) => ({ ...previous, error: error.message, loading: false }));
    }
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...state, reload };
}
