import { api, apiKey } from '/web/api.js';
import { BrandKitPanel } from '/web/brand-kit-panel.js';
import { ChatPanel } from '/web/chat-panel.js';
import { CreditsPanel } from '/web/credits-panel.js';
import { GalleryPanel } from '/web/gallery-panel.js';
import { KeyForm } from '/web/key-form.js';
import { ModelsPanel } from '/web/models-panel.js';
import { html, render, useState } from '/web/vendor/preact-htm.js';

function App() {
  const [key, setKey] = useState(apiKey.get());
  const [refresh, setRefresh] = useState(0);
  // A 401 from any panel means the key is wrong or revoked: forget it and ask again.
  const [keyError, setKeyError] = useState('');
  const onUnauthorized = (message) => {
    apiKey.clear();
    setKeyError(message);
    setKey('');
  };
  // One call checks the key before the panels load; a refused key is not kept.
  const signIn = async (value) => {
    apiKey.set(value);
    try {
      await api('/me/model-preferences');
      setKeyError('');
      setKey(value);
    } catch (error) {
      apiKey.clear();
      setKeyError(error.status === 401 ? error.message : `Could not check the key: ${error.message}`);
    }
  };
  const signOut = () => {
    apiKey.clear();
    setKey('');
  };
  const afterSpend = () => setRefresh((count) => count + 1);

  return html`
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <h1>AdEngine</h1>
      ${key !== '' && html`<button type="button" class="secondary" onClick=${signOut}>Forget key</button>`}
    </header>
    <main id="main" tabindex="-1">
      ${
        key === ''
          ? html`<${KeyForm} onKey=${signIn} error=${keyError} />`
          : html`
              <div class="grid">
                <${ModelsPanel} onUnauthorized=${onUnauthorized} />
                <${CreditsPanel} refresh=${refresh} onUnauthorized=${onUnauthorized} />
                <${ChatPanel} onSpent=${afterSpend} onUnauthorized=${onUnauthorized} />
                <${GalleryPanel} refresh=${refresh} onUnauthorized=${onUnauthorized} />
                <${BrandKitPanel} onUnauthorized=${onUnauthorized} />
              </div>
            `
      }
    </main>
  `;
}

render(html`<${App} />`, document.getElementById('app'));
