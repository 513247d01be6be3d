import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

/** One WebSocket frame as raw bytes; masked like a client's unless `mask: false`. */
export function wsFrame(options: {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  /** RSV1..3 as bits 0b100, 0b010, 0b001. */
  rsv?: number;
  mask?: boolean;
  /** Claim this payload length in the header instead of the real one (the bytes sent stay the same). */
  claimedLength?: number;
}): Buffer {
  const payload =
    typeof options.payload === "string" ? Buffer.from(options.payload) : (options.payload ?? Buffer.alloc(0));
  const length = options.claimedLength ?? payload.length;
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | (options.opcode & 0x0f);
  const masked = options.mask ?? true;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  } else if (length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (key[i % 4] as number);
  return Buffer.concat([header, key, body]);
}

/** What a raw client saw until the connection ended. */
export interface RawOutcome {
  /** The HTTP status of the handshake answer (101 when upgraded). */
  status: number;
  /** The code of the server's close frame, if it sent one. */
  closeCode?: number;
  /** Text frames the server sent (after the handshake). */
  texts: string[];
}

/**
 * A WebSocket client on a plain TCP socket: a real handshake, then any bytes at all, so tests can
 * send what no library would (oversized, invalid UTF-8, reserved bits, unmasked, unknown opcodes).
 */
export class RawWebSocket {
  readonly socket: Socket;
  #buffer = Buffer.alloc(0);
  #status = 0;
  #closeCode: number | undefined;
  #texts: string[] = [];
  #upgraded: Promise<number>;
  #ended: Promise<RawOutcome>;

  private constructor(port: number, path: string, headers: Record<string, string>) {
    this.socket = connect(port, "127.0.0.1");
    // A reset by the server is an outcome, not a test failure.
    this.socket.on("error", () => undefined);
    let onStatus: (status: number) => void = () => undefined;
    this.#upgraded = new Promise((resolve) => {
      onStatus = resolve;
    });
    this.#ended = new Promise((resolve) => {
      this.socket.on("close", () => {
        onStatus(this.#status);
        resolve({
          status: this.#status,
          texts: this.#texts,
          ...(this.#closeCode === undefined ? {} : { closeCode: this.#closeCode }),
        });
      });
    });
    this.socket.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      if (this.#status === 0) {
        const end = this.#buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        this.#status = Number(this.#buffer.subarray(0, end).toString("latin1").split(" ")[1]);
        this.#buffer = this.#buffer.subarray(end + 4);
        onStatus(this.#status);
      }
      if (this.#status === 101) this.#readFrames();
    });
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
      "Sec-WebSocket-Version: 13",
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    this.socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  }

  /** Connects and completes the handshake; rejects when the server does not answer 101. */
  static async open(port: number, path: string, headers: Record<string, string> = {}): Promise<RawWebSocket> {
    const client = new RawWebSocket(port, path, headers);
    const status = await client.#upgraded;
    if (status !== 101) {
      client.socket.destroy();
      throw new Error(`handshake answered ${status}`);
    }
    return client;
  }

  #readFrames(): void {
    for (;;) {
      if (this.#buffer.length < 2) return;
      const opcode = (this.#buffer[0] as number) & 0x0f;
      let length = (this.#buffer[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.#buffer.length < 4) return;
        length = this.#buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.#buffer.length < 10) return;
        length = Number(this.#buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.#buffer.length < offset + length) return;
      const payload = this.#buffer.subarray(offset, offset + length);
      this.#buffer = this.#buffer.subarray(offset + length);
      if (opcode === 0x1) this.#texts.push(payload.toString("utf8"));
      if (opcode === 0x8) {
        if (payload.length >= 2) this.#closeCode = payload.readUInt16BE(0);
        // As a browser does: answer the close and end the connection, so the server need not wait.
        this.write(wsFrame({ opcode: 0x8, payload: payload.subarray(0, 2) }));
        this.socket.end();
      }
    }
  }

  /** Writes raw bytes (frames or garbage). */
  write(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Resolves when the server has closed the connection. */
  ended(): Promise<RawOutcome> {
    return this.#ended;
  }

  /** Text frames received so far. */
  get texts(): readonly string[] {
    return this.#texts;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
