import { api } from '/web/api.js';
import { useApi } from '/web/use-api.js';
import { html, useState } from '/web/vendor/preact-htm.js';

const kinds = [
  { kind: 'chat', field: 'chatModel', label: 'Chat model' },
  { kind: 'image', field: 'imageModel', label: 'Image model' },
  { kind: 'video', field: 'videoModel', label: 'Video model' },
];

/** Why a model cannot be chosen, or a warning about it; empty when it is fine. */
function modelNote(model) {
  const { status, endOfLife, successor } = model.lifecycle;
  const instead = successor ? `, use ${successor}` : '';
  if (status === 'retired') return `retired${endOfLife ? ` ${endOfLife}` : ''}${instead}`;
  if (!model.configured) return `not configured: set ${model.missing.join(', ') || 'its provider'}`;
  if (status === 'deprecated') return `deprecated${endOfLife ? `, ends ${endOfLife}` : ''}${instead}`;
  if (status === 'legacy') return `legacy${endOfLife ? `, ends ${endOfLife}` : ''}${instead}`;
  return '';
}

function isSelectable(model) {
  return model.configured && model.lifecycle.status !== 'retired';
}

function byProvider(models) {
  const groups = new Map();
  for (const model of models) {
    if (!groups.has(model.provider)) groups.set(model.provider, []);
    groups.get(model.provider).push(model);
  }
  return [...groups.entries()];
}

function ModelSelect({ kind, field, label, models, value, onChoose, busy }) {
  const id = `model-${kind}`;
  const chosen = models.find((model) => model.id === value);
  const note = chosen ? modelNote(chosen) : '';
  return html`
    <div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        name=${field}
        value=${value ?? ''}
        aria-busy=${busy ? 'true' : 'false'}
        aria-describedby=${note ? `${id}-note` : undefined}
        onChange=${(event) => onChoose(field, event.currentTarget.value)}
      >
        <option value="">Server default</option>
        ${byProvider(models).map(
          ([provider, rows]) => html`
            <optgroup label=${provider}>
              ${rows.map((model) => {
                const why = modelNote(model);
                return html`<option value=${model.id} disabled=${!isSelectable(model)}>
                  ${model.name} · ${model.price.description}${why ? ` (${why})` : ''}
                </option>`;
              })}
            </optgroup>
          `,
        )}
      </select>
      ${note && html`<p id="${id}-note" class="help warn">${chosen.name}: ${note}</p>`}
    </div>
  `;
}

/** Chat, image and video model per kind, grouped by provider; PUT /me/model-preferences on change. */
export function ModelsPanel({ onUnauthorized }) {
  const loaded = useApi(async () => {
    const [catalogue, preferences] = await Promise.all([api('/models'), api('/me/model-preferences')]);
    return { models: catalogue.models, preferences };
  }, onUnauthorized);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState({ text: '', error: false });
  const [overrides, setOverrides] = useState({});

  const choose = async (field, id) => {
    setSaving(true);
    setStatus({ text: 'Saving…', error: false });
    try {
      const saved = await api('/me/model-preferences', {
        method: 'PUT',
        body: { [field]: id === '' ? null : id },
      });
      setOverrides(saved);
      setStatus({
        text: `Saved: ${field.replace('Model', '')} model is ${saved[field] ?? 'the server default'}.`,
        error: false,
      });
    } catch (error) {
      if (error.status === 401) return onUnauthorized(error.message);
      setStatus({ text: error.message, error: true });
    } finally {
      setSaving(false);
    }
  };

  const { data, error } = loaded;
  const preferences = { ...(data?.preferences ?? {}), ...overrides };
  const notices = Array.isArray(data?.preferences?.notices) ? data.preferences.notices : [];
  return html`
    <section class="panel" aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${
        notices.length > 0 &&
        html`<ul class="notices" aria-label="Notices about your models">
          ${notices.map((notice) => html`<li class="notice">${notice.message ?? `${notice.from} → ${notice.to}`}</li>`)}
        </ul>`
      }
      ${
        data === undefined
          ? html`<p aria-busy="true">Loading models…</p>`
          : kinds.map(
              (row) => html`<${ModelSelect}
                ...${row}
                models=${data.models.filter((model) => model.kind === row.kind)}
                value=${preferences[row.field]}
                onChoose=${choose}
                busy=${saving}
              />`,
            )
      }
      <p class=${status.error ? 'error' : 'status'} role="status">${status.text}</p>
      <p class="help">Models marked not configured or retired cannot be chosen; the reason is in their name.</p>
    </section>
  `;
}
