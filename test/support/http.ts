/** Raw HTTP for tests: fetch refuses a URL that does not decode and sets its own Host header. */
import { connect } from 'node:net';

/** Sends `request` as bytes to the server at `url` and returns the reply's status code. */
export async function rawStatus(url: string, request: string): Promise<number> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.write(request);
  const reply = await new Promise<string>((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(reply)?.[1]);
}
