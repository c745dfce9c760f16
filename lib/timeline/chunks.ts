/**
 * Chunked input for the streamed reader: a browser Blob's stream as chunks, and a look at a
 * stream's first bytes (to name a file of another kind) without losing them for the reader.
 */

/** The chunks of a web stream (a Blob's, a fetch body's); Chrome's streams are not async-iterable. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The text of at least the first `bytes` bytes (or all of a shorter stream), and every chunk again from the start. */
export async function peekHead(
  chunks: AsyncIterable<Uint8Array | string>,
  bytes = 65_536,
): Promise<{ head: string; chunks: AsyncIterable<Uint8Array | string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Array<Uint8Array | string> = [];
  const decoder = new TextDecoder();
  let head = '';
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    size += next.value.length;
    head += typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
  }
  async function* replay(): AsyncGenerator<Uint8Array | string> {
    try {
      // Handed over one by one, so the reader does not hold the head longer than it needs.
      while (seen.length > 0) yield seen.shift()!;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // A reader that stops at an error closes the source (a file handle, a Blob's stream).
      if (!done) await iterator.return?.();
    }
  }
  return { head, chunks: replay() };
}
