import { api } from '/web/api.js';
import { useApi } from '/web/use-api.js';
import { html, useEffect } from '/web/vendor/preact-htm.js';

const number = new Intl.NumberFormat();
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** Balance, credits held by calls in progress, and the newest ledger entries. */
export function CreditsPanel({ refresh, onUnauthorized }) {
  const { data, error, loading, reload } = useApi(() => api('/me/credits'), onUnauthorized);
  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh]);
  return html`
    <section class="panel" aria-labelledby="credits-title">
      <div class="panel-head">
        <h2 id="credits-title">Credits</h2>
        <button type="button" class="secondary" onClick=${reload} aria-busy=${loading ? 'true' : 'false'}>
          Refresh
        </button>
      </div>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${
        data !== undefined &&
        html`
          <dl class="figures">
            <div><dt>Balance</dt><dd id="credits-balance">${number.format(data.balance)}</dd></div>
            <div><dt>Held</dt><dd id="credits-held">${number.format(data.held)}</dd></div>
            <div><dt>Available</dt><dd id="credits-available">${number.format(data.available)}</dd></div>
          </dl>
          <div class="scroll" tabindex="0" role="region" aria-label="Recent credit history">
            <table>
              <caption>Recent history</caption>
              <thead>
                <tr><th scope="col">When</th><th scope="col">What</th><th scope="col" class="num">Credits</th><th scope="col" class="num">After</th></tr>
              </thead>
              <tbody>
                ${data.history.slice(0, 20).map(
                  (entry) => html`<tr>
                    <td>${when.format(new Date(entry.at))}</td>
                    <td>${entry.reason ?? entry.kind}</td>
                    <td class="num">${entry.amount > 0 ? '+' : ''}${number.format(entry.amount)}</td>
                    <td class="num">${number.format(entry.balanceAfter)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        `
      }
    </section>
  `;
}
