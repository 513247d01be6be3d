import { randomUUID } from "node:crypto";
import { type RawData, type WebSocket, WebSocketServer } from "ws";

/**
 * A Discord gateway speaking the real protocol (JSON encoding): HELLO, IDENTIFY → READY, heartbeats
 * acknowledged, RESUME → replay of missed dispatches → RESUMED, and forced reconnects.
 *
 * @see https://discord.com/developers/docs/events/gateway#connection-lifecycle
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-opcodes
 */

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

interface Dispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  /** Every dispatch of the session, for replay on RESUME. */
  log: Dispatch[];
  socket: WebSocket | undefined;
}

export interface GatewayOptions {
  token: string;
  /** Intents the application may use; IDENTIFY with others is closed with 4014, as Discord does. */
  allowedIntents?: number;
  heartbeatIntervalMs: number;
  /** Builds READY's `d` for a new session (plus the resume URL). */
  ready(session: { sessionId: string; resumeUrl: string }): unknown;
  /** Dispatches that follow READY (GUILD_CREATE). */
  afterReady(): { t: string; d: unknown }[];
  /** Lets the emulator drop or rewrite a dispatch for a session's intents (MessageContent). */
  filter?(t: string, d: unknown, intents: number): unknown;
}

export interface EmulatedGateway {
  readonly wss: WebSocketServer;
  /** Connections accepted, identifies, resumes and heartbeats acknowledged so far. */
  readonly stats: { connections: number; identifies: number; resumes: number; heartbeats: number };
  /** Intents of the last IDENTIFY. */
  readonly intents: number | undefined;
  /** Sends a dispatch to the session; while it is disconnected the dispatch waits for RESUME. */
  dispatch(t: string, d: unknown): void;
  /** Drops the connection the way Discord does: close code 4000, or op 7 RECONNECT. */
  forceReconnect(how: "close" | "reconnect-op"): void;
  /** On the next RESUME, also replay this many already delivered dispatches (a duplicate delivery). */
  replayOverlapOnResume(count: number): void;
  isConnected(): boolean;
  close(): void;
}

export function createEmulatedGateway(url: () => string, options: GatewayOptions): EmulatedGateway {
  const wss = new WebSocketServer({ noServer: true });
  const stats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0 };
  let session: Session | undefined;
  let lastIntents: number | undefined;
  let overlap = 0;

  function deliver(target: Session, dispatch: Dispatch): void {
    const socket = target.socket;
    if (!socket || socket.readyState !== socket.OPEN) return;
    const d = options.filter ? options.filter(dispatch.t, dispatch.d, target.intents) : dispatch.d;
    if (d !== undefined) socket.send(JSON.stringify({ ...dispatch, d }));
  }

  function push(target: Session, t: string, d: unknown): void {
    const dispatch: Dispatch = { op: Op.Dispatch, t, s: ++target.seq, d };
    target.log.push(dispatch);
    deliver(target, dispatch);
  }

  function onIdentify(socket: WebSocket, d: { token?: string; intents?: number }): void {
    if (d.token !== options.token) {
      socket.close(4004, "Authentication failed.");
      return;
    }
    lastIntents = d.intents ?? 0;
    if (options.allowedIntents !== undefined && (lastIntents & ~options.allowedIntents) !== 0) {
      socket.close(4014, "Disallowed intent(s).");
      return;
    }
    stats.identifies++;
    session = { id: randomUUID().replaceAll("-", ""), intents: lastIntents, seq: 0, log: [], socket };
    push(session, "READY", options.ready({ sessionId: session.id, resumeUrl: url() }));
    for (const next of options.afterReady()) push(session, next.t, next.d);
  }

  function onResume(socket: WebSocket, d: { token?: string; session_id?: string; seq?: number }): void {
    if (!session || d.session_id !== session.id || d.token !== options.token) {
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: false, s: null, t: null }));
      return;
    }
    stats.resumes++;
    session.socket = socket;
    const from = (d.seq ?? 0) - overlap;
    overlap = 0;
    for (const dispatch of session.log.filter((entry) => entry.s > from)) deliver(session, dispatch);
    push(session, "RESUMED", null);
  }

  wss.on("connection", (socket) => {
    stats.connections++;
    socket.on("message", (data: RawData) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(String(data));
      } catch {
        socket.close(4002, "Error while decoding payload.");
        return;
      }
      switch (payload.op) {
        case Op.Heartbeat:
          stats.heartbeats++;
          socket.send(JSON.stringify({ op: Op.HeartbeatAck, d: null, s: null, t: null }));
          return;
        case Op.Identify:
          onIdentify(socket, (payload.d ?? {}) as { token?: string; intents?: number });
          return;
        case Op.Resume:
          onResume(socket, (payload.d ?? {}) as { token?: string; session_id?: string; seq?: number });
          return;
        default:
          return;
      }
    });
    socket.on("close", (code) => {
      if (session?.socket !== socket) return;
      session.socket = undefined;
      // A client closing with 1000/1001 ends its session; other codes keep it resumable.
      if (code === 1000 || code === 1001) session = undefined;
    });
    socket.send(
      JSON.stringify({
        op: Op.Hello,
        d: { heartbeat_interval: options.heartbeatIntervalMs },
        s: null,
        t: null,
      }),
    );
  });

  return {
    wss,
    stats,
    get intents() {
      return lastIntents;
    },
    dispatch(t, d) {
      if (!session) throw new Error(`no gateway session to dispatch ${t} to`);
      push(session, t, d);
    },
    forceReconnect(how) {
      const socket = session?.socket;
      if (!socket) throw new Error("no connected gateway session");
      if (how === "close") socket.close(4000, "Unknown error");
      else socket.send(JSON.stringify({ op: Op.Reconnect, d: null, s: null, t: null }));
    },
    replayOverlapOnResume(count) {
      overlap = count;
    },
    isConnected: () => session?.socket?.readyState === 1,
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
