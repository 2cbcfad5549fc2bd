/** Server-Sent Events as a test reads them: each event with its parsed data and arrival time. */
export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/** Reads an SSE response as it arrives, stamping each event with the time it was parsed. */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const chunk = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(chunk)?.[1] ?? 'message';
      const data = chunk
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      events.push({ event, data: JSON.parse(data) as Record<string, unknown>, at: Date.now() });
      end = buffer.indexOf('\n\n');
    }
  }
  return events;
}
