import { request } from "node:http";
import { connect } from "node:net";
import fc from "fast-check";
import { expect } from "vitest";

/** Seed of every fuzz run: the same cases each time, so a failure can be replayed. */
export const FUZZ_SEED = 20_260_611;

/** Far beyond any answer on a loaded machine: a request still open after this is a hang. */
export const HANG_MS = 20_000;

/**
 * Records every uncaught exception and unhandled rejection while a suite runs: the fuzz target is
 * the process itself, so any of them is a failure even if vitest would survive it.
 */
export function guardProcess() {
  const problems: string[] = [];
  const onException = (error: unknown) => problems.push(`uncaught exception: ${String(error)}`);
  const onRejection = (reason: unknown) => problems.push(`unhandled rejection: ${String(reason)}`);
  process.on("uncaughtException", onException);
  process.on("unhandledRejection", onRejection);
  return {
    problems,
    dispose() {
      process.off("uncaughtException", onException);
      process.off("unhandledRejection", onRejection);
    },
  };
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** `count` cases of `arbitrary`, always the same for {@link FUZZ_SEED}. */
export function cases<T>(arbitrary: fc.Arbitrary<T>, count: number, salt = 0): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed: FUZZ_SEED + salt });
}

/** One HTTP request as the fuzzers send it. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
}

/** The status of the answer (0: the server closed without one), or "hang". */
export function send(port: number, fuzz: FuzzRequest): Promise<number | "hang"> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: number | "hang") => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      finish("hang");
      req.destroy();
    }, HANG_MS);
    // What HTTP allows in a header value; anything else Node's client would refuse to send.
    const headers: Record<string, string> = { connection: "close" };
    for (const [name, value] of Object.entries(fuzz.headers))
      headers[name] = value.replace(/[^\t\x20-\x7e\x80-\xff]/g, "?");
    if (fuzz.body && !fuzz.chunked) headers["content-length"] = String(fuzz.body.length);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: fuzz.method,
        path: fuzz.path,
        headers,
        setHost: !("host" in fuzz.headers),
      },
      (response) => {
        response.on("data", () => undefined);
        response.on("end", () => finish(response.statusCode ?? 0));
        response.on("error", () => finish(response.statusCode ?? 0));
      },
    );
    // The server may answer (413, 401) and close before the body is written: not a failure.
    req.on("error", () => finish(0));
    if (fuzz.body && fuzz.chunked) {
      const half = Math.floor(fuzz.body.length / 2);
      req.write(fuzz.body.subarray(0, half));
      req.end(fuzz.body.subarray(half));
    } else req.end(fuzz.body);
  });
}

/** Writes raw bytes on a TCP connection; resolves when the server closed it (or "hang"). */
export function sendRaw(port: number, bytes: Uint8Array): Promise<{ answer: string } | "hang"> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("hang");
    }, HANG_MS);
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ answer });
    });
    socket.end(bytes);
  });
}

/** Asserts a fuzz run's outcomes: no crash, no 5xx, no hang; lists the first offending cases. */
export function expectClean(
  guard: ReturnType<typeof guardProcess>,
  failures: readonly { what: string; outcome: unknown }[],
): void {
  expect(guard.problems).toEqual([]);
  const shown = JSON.stringify(failures.slice(0, 3)).slice(0, 1_500);
  expect(failures.slice(0, 10), `${failures.length} failing case(s), seed ${FUZZ_SEED}: ${shown}`).toEqual(
    [],
  );
}

/** Text with anything in it: any code point, lone surrogates, controls, NUL, RTL marks, emoji. */
export const wildText = (maxLength = 64): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 8 }),
        fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
        fc.constantFrom("\u0000", "\u202e", "\ufeff", "😀", "가", "<script>", "{{x}}", "%00", "\r\n", "\\"),
      ),
      { maxLength: Math.max(1, Math.ceil(maxLength / 4)) },
    )
    .map((parts) => parts.join(""));

/** A value for a header: printable Latin-1 (what HTTP allows), sometimes long. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 40,
  }),
  fc.string({
    unit: fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)),
    maxLength: 10,
  }),
  fc.constantFrom(
    "",
    " ",
    "null",
    "Bearer ",
    "application/json",
    "text/plain; charset=utf-8",
    "x".repeat(4_000),
  ),
);
