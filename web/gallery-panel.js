import { api } from '/web/api.js';
import { html, useEffect, useState } from '/web/vendor/preact-htm.js';

const pageSize = 12;

function Preview({ asset }) {
  const size = asset.width && asset.height ? ` ${asset.width}×${asset.height}` : '';
  const label = `${asset.kind}${size}, ${new Date(asset.createdAt).toLocaleString()}`;
  if (asset.mimeType.startsWith('image/'))
    return html`<img src=${asset.url} alt=${`Generated image${size}`} loading="lazy" decoding="async" />`;
  if (asset.mimeType.startsWith('video/'))
    return html`<video src=${asset.url} controls preload="metadata" aria-label=${`Generated video${size}`}></video>`;
  return html`<a class="file" href=${asset.url} target="_blank" rel="noopener noreferrer">Open ${label}</a>`;
}

/** The user's assets, newest first, a page at a time (GET /me/assets with its cursor). */
export function GalleryPanel({ refresh, onUnauthorized }) {
  const [assets, setAssets] = useState([]);
  const [cursor, setCursor] = useState(undefined);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);

  const load = async (after) => {
    setLoading(true);
    try {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (after) query.set('cursor', after);
      const page = await api(`/me/assets?${query}`);
      setAssets((previous) => (after ? [...previous, ...page.assets] : page.assets));
      setCursor(page.nextCursor ?? undefined);
      setError('');
    } catch (failure) {
      if (failure.status === 401) return onUnauthorized(failure.message);
      setError(failure.message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    load(undefined);
  }, [refresh]);

  return html`
    <section class="panel wide" aria-labelledby="gallery-title">
      <div class="panel-head">
        <h2 id="gallery-title">Assets</h2>
        <button type="button" class="secondary" onClick=${() => load(undefined)}>Refresh</button>
      </div>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${assets.length === 0 && !loading && !error && html`<p class="help">Nothing yet: images, videos and ad copy you make appear here.</p>`}
      <ul class="gallery" aria-busy=${loading ? 'true' : 'false'}>
        ${assets.map(
          (asset) => html`<li key=${asset.assetId} data-asset-id=${asset.assetId}>
            <${Preview} asset=${asset} />
            <p class="caption">${asset.kind} · ${asset.mimeType} · <code>${asset.assetId.slice(0, 8)}</code></p>
          </li>`,
        )}
      </ul>
      ${cursor && html`<button type="button" onClick=${() => load(cursor)} disabled=${loading}>Load more</button>`}
    </section>
  `;
}
