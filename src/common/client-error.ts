import { STATUS_CODES } from 'http';
import type { Duplex } from 'stream';
import type { ServiceErrorCode } from './error-codes';

/** Above this many bytes, a request line that overflows Node's header limit is answered 414, not 431. */
const LONGEST_REQUEST_LINE = 8 * 1024;

type ClientError = Error & { code?: string; rawPacket?: unknown };

/**
 * What Node's HTTP parser refuses before Fastify sees the request (a request line or headers beyond its 16 KB
 * limit, a malformed request, a request that timed out), answered in the service's error shape. Fastify's own
 * answer would be `{ error, message, statusCode }`. The connection is closed afterwards, as Node does.
 */
export function clientErrorAnswer(error: ClientError): {
  status: number;
  body: { code: ServiceErrorCode; message: string; messageSv: string };
} {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return {
      status: 408,
      body: { code: 'REQUEST_TIMEOUT', message: 'The request timed out.', messageSv: 'Begäran tog för lång tid.' },
    };
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    if (requestLineTooLong(error.rawPacket))
      return {
        status: 414,
        body: {
          code: 'URI_TOO_LONG',
          message: 'The URL is too long.',
          messageSv: 'Adressen (URL) är för lång.',
        },
      };
    return {
      status: 431,
      body: {
        code: 'HEADERS_TOO_LARGE',
        message: 'The request headers are too large.',
        messageSv: 'Begärans huvuden (headers) är för stora.',
      },
    };
  }
  return {
    status: 400,
    body: {
      code: 'BAD_REQUEST',
      message: 'The request is not valid HTTP.',
      messageSv: 'Begäran är inte giltig HTTP.',
    },
  };
}

/** The request line is what overflowed: no line end in its first LONGEST_REQUEST_LINE bytes. */
function requestLineTooLong(raw: unknown): boolean {
  if (!Buffer.isBuffer(raw) || !/^[A-Z]+ /.test(raw.subarray(0, 16).toString('latin1'))) return false;
  const end = raw.indexOf('\r\n');
  return end === -1 ? raw.length > LONGEST_REQUEST_LINE : end > LONGEST_REQUEST_LINE;
}

/** Fastify's `clientErrorHandler`: writes the answer to the socket and closes it. */
export function answerClientError(error: ClientError, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, body } = clientErrorAnswer(error);
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'Connection: close\r\n\r\n' +
        json,
    );
  }
  socket.destroy(error);
}
