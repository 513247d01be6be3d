/** One frame of a push topic, with the id its log gave it (ids grow within a key). */
export interface PushedFrame {
  id: string;
  frame: unknown;
}

/**
 * Messages pushed to whoever holds a connection, on whichever process holds it: the web chat's
 * frames per conversation, the local desk's events. Every subscriber on every process hears every
 * frame of a topic, in publish order. A topic published with `keep` also keeps its last frames per
 * key, so a client that reconnects (to any process) asks for what it missed with {@link since}.
 */
export interface Pushes {
  /**
   * Sends `frame` to every subscriber of `topic` and, with `keep`, logs it under `key`. With
   * `once`, a frame whose `once` value was already published for this key is dropped (a turn
   * re-run after a crash does not show its replies twice). The memory implementation, one process
   * whose crash empties it, needs no record and ignores `once`. Resolves with the frame's id, or
   * `undefined` when it was dropped.
   */
  publish(
    topic: string,
    key: string,
    frame: unknown,
    options?: { keep?: number; once?: string },
  ): Promise<string | undefined>;
  /** Hears every frame of `topic` from now on; returns the unsubscribe function. */
  subscribe(topic: string, listener: (key: string, pushed: PushedFrame) => void): () => void;
  /** The kept frames of `key` after the frame `afterId` (all kept frames when it is unknown), oldest first. */
  since(topic: string, key: string, afterId: string | undefined): Promise<PushedFrame[]>;
  /**
   * The id of the newest kept frame of `key` (or one before every frame when none is kept): where
   * a client that saw nothing yet starts from.
   */
  latest(topic: string, key: string): Promise<string>;
  close(): Promise<void>;
}
