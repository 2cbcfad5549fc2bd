import { html, useState } from '/web/vendor/preact-htm.js';

/** Asks for the API key; it stays in this tab's sessionStorage only. */
export function KeyForm({ onKey, error }) {
  const [value, setValue] = useState('');
  const submit = (event) => {
    event.preventDefault();
    const key = value.trim();
    if (key !== '') onKey(key);
  };
  return html`
    <section class="panel narrow" aria-labelledby="key-title">
      <h2 id="key-title">Your API key</h2>
      <form onSubmit=${submit}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          spellcheck=${false}
          required
          value=${value}
          aria-describedby="key-help${error ? ' key-error' : ''}"
          onInput=${(event) => setValue(event.currentTarget.value)}
        />
        <p id="key-help" class="help">
          Printed by the first <code>adengine serve</code>, or made with <code>adengine keys create</code>.
          Kept in this tab only (sessionStorage) and sent as a bearer header; never put in a URL.
        </p>
        ${error && html`<p id="key-error" class="error" role="alert">${error}</p>`}
        <button type="submit">Use this key</button>
      </form>
    </section>
  `;
}
