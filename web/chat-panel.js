import { streamChat } from '/web/api.js';
import { html, useRef, useState } from '/web/vendor/preact-htm.js';

function Activity({ row }) {
  const state =
    row.status === 'running'
      ? 'running…'
      : row.status === 'success'
        ? `done, ${row.credits} credits`
        : 'failed';
  return html`<li class=${`activity ${row.status}`}>Tool <code>${row.name}</code>: ${state}</li>`;
}

function Message({ message }) {
  if (message.role === 'user')
    return html`<li class="message user"><p class="who">You</p><p>${message.text}</p></li>`;
  return html`<li class="message assistant">
    <p class="who">AdEngine</p>
    ${message.activity.length > 0 && html`<ul class="activities" aria-label="Tool activity">${message.activity.map((row) => html`<${Activity} row=${row} />`)}</ul>`}
    <p class="answer">${message.text}</p>
    ${message.error && html`<p class="error">${message.error}</p>`}
    ${message.done && html`<p class="help charged">Charged ${message.done.creditsCharged} credits (tools ${message.done.toolCredits}).</p>`}
  </li>`;
}

/** A conversation with the orchestrator over POST /api/v1/chat, streamed token by token. */
export function ChatPanel({ onSpent, onUnauthorized }) {
  const [messages, setMessages] = useState([]);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const conversation = useRef(undefined);
  const stop = useRef(undefined);

  // The assistant's message is always the last one while a turn streams.
  const updateLast = (change) =>
    setMessages((previous) => [...previous.slice(0, -1), change(previous[previous.length - 1])]);

  const onEvent = (name, data) => {
    if (name === 'conversation') conversation.current = data.conversationId;
    else if (name === 'token') updateLast((last) => ({ ...last, text: last.text + data.text }));
    else if (name === 'tool_start') {
      setStatus(`Running ${data.name}…`);
      updateLast((last) => ({
        ...last,
        activity: [...last.activity, { id: data.toolUseId, name: data.name, status: 'running', credits: 0 }],
      }));
    } else if (name === 'tool_end')
      updateLast((last) => ({
        ...last,
        activity: last.activity.map((row) =>
          row.id === data.toolUseId ? { ...row, status: data.status, credits: data.creditsCharged } : row,
        ),
      }));
    else if (name === 'done') {
      updateLast((last) => ({ ...last, done: data }));
      setStatus(`Answer complete; ${data.creditsCharged} credits charged.`);
    } else if (name === 'error') {
      updateLast((last) => ({ ...last, error: `${data.code}: ${data.message}` }));
      setStatus('The turn failed.');
    }
  };

  const send = async (event) => {
    event.preventDefault();
    const message = draft.trim();
    if (message === '' || busy) return;
    setDraft('');
    setBusy(true);
    setStatus('Thinking…');
    setMessages((previous) => [
      ...previous,
      { role: 'user', text: message },
      { role: 'assistant', text: '', activity: [], error: '', done: undefined },
    ]);
    stop.current = new AbortController();
    try {
      const body = { message, ...(conversation.current ? { conversationId: conversation.current } : {}) };
      await streamChat(body, onEvent, stop.current.signal);
    } catch (error) {
      if (error.status === 401) return onUnauthorized(error.message);
      const text = error.name === 'AbortError' ? 'Stopped.' : `${error.code ?? 'ERROR'}: ${error.message}`;
      updateLast((last) => ({ ...last, error: text }));
      setStatus(text);
    } finally {
      setBusy(false);
      stop.current = undefined;
      onSpent();
    }
  };

  const onKeyDown = (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send(event);
  };
  const restart = () => {
    conversation.current = undefined;
    setMessages([]);
    setStatus('New conversation.');
  };

  return html`
    <section class="panel wide" aria-labelledby="chat-title">
      <div class="panel-head">
        <h2 id="chat-title">Chat with the orchestrator</h2>
        <button type="button" class="secondary" onClick=${restart} disabled=${busy}>New conversation</button>
      </div>
      <ol class="messages" aria-label="Conversation" aria-busy=${busy ? 'true' : 'false'}>
        ${messages.map((message) => html`<${Message} message=${message} />`)}
      </ol>
      <form class="chat-form" onSubmit=${send}>
        <label for="chat-message">Message</label>
        <textarea
          id="chat-message"
          rows="3"
          value=${draft}
          aria-describedby="chat-help"
          onInput=${(event) => setDraft(event.currentTarget.value)}
          onKeyDown=${onKeyDown}
        ></textarea>
        <p id="chat-help" class="help">Ctrl+Enter sends. Tool calls spend credits; the answer says how many.</p>
        <div class="actions">
          <button type="submit" disabled=${busy}>Send</button>
          ${busy && html`<button type="button" class="secondary" onClick=${() => stop.current?.abort()}>Stop</button>`}
        </div>
      </form>
      <p class="status" role="status">${status}</p>
    </section>
  `;
}
