import { api } from '/web/api.js';
import { useApi } from '/web/use-api.js';
import { html, useEffect, useState } from '/web/vendor/preact-htm.js';

const text = [
  { field: 'name', label: 'Brand name' },
  { field: 'voice', label: 'Voice', multiline: true },
  { field: 'disclaimer', label: 'Disclaimer', multiline: true },
  { field: 'logoAssetId', label: 'Logo asset id' },
];
const lists = [
  { field: 'bannedWords', label: 'Banned words', help: 'Comma separated; never used in copy.' },
  { field: 'requiredWords', label: 'Required words', help: 'Comma separated; every variant includes each.' },
  { field: 'colors', label: 'Colours', help: 'Comma separated hex, e.g. #1a2b3c, #ffffff.' },
];

function toForm(kit) {
  const form = {};
  for (const { field } of text) form[field] = kit?.[field] ?? '';
  for (const { field } of lists) form[field] = (kit?.[field] ?? []).join(', ');
  return form;
}

function toBody(form) {
  const body = {};
  for (const { field } of text) body[field] = form[field].trim() === '' ? null : form[field].trim();
  for (const { field } of lists)
    body[field] = form[field]
      .split(',')
      .map((word) => word.trim())
      .filter((word) => word !== '');
  return body;
}

/** The brand kit (GET/PUT /me/brand-kit) that ad copy and images follow. */
export function BrandKitPanel({ onUnauthorized }) {
  const { data, error } = useApi(() => api('/me/brand-kit'), onUnauthorized);
  const [form, setForm] = useState(toForm(undefined));
  const [status, setStatus] = useState({ text: '', error: false });
  useEffect(() => {
    if (data !== undefined) setForm(toForm(data));
  }, [data]);

  const save = async (event) => {
    event.preventDefault();
    setStatus({ text: 'Saving…', error: false });
    try {
      setForm(toForm(await api('/me/brand-kit', { method: 'PUT', body: toBody(form) })));
      setStatus({ text: 'Brand kit saved.', error: false });
    } catch (failure) {
      if (failure.status === 401) return onUnauthorized(failure.message);
      setStatus({ text: failure.message, error: true });
    }
  };
  const input = (field) => (event) => setForm({ ...form, [field]: event.currentTarget.value });

  return html`
    <section class="panel" aria-labelledby="brand-title">
      <h2 id="brand-title">Brand kit</h2>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      <form onSubmit=${save}>
        ${text.map(({ field, label, multiline }) => {
          const id = `brand-${field}`;
          return html`<div class="field">
            <label for=${id}>${label}</label>
            ${
              multiline
                ? html`<textarea id=${id} rows="2" value=${form[field]} onInput=${input(field)}></textarea>`
                : html`<input id=${id} type="text" value=${form[field]} onInput=${input(field)} />`
            }
          </div>`;
        })}
        ${lists.map(({ field, label, help }) => {
          const id = `brand-${field}`;
          return html`<div class="field">
            <label for=${id}>${label}</label>
            <input id=${id} type="text" value=${form[field]} aria-describedby=${`${id}-help`} onInput=${input(field)} />
            <p id=${`${id}-help`} class="help">${help}</p>
          </div>`;
        })}
        <button type="submit">Save brand kit</button>
        <p class=${status.error ? 'error' : 'status'} role="status">${status.text}</p>
      </form>
    </section>
  `;
}
