/**
 * One "bot process" for the cross-process claim test: opens the state file, says `ready`, waits
 * for `go` on stdin, claims the keys and prints the indices it won as JSON.
 * Usage: node --import tsx claim-worker.ts <state file> <key count> <seed>
 */
import { createInterface } from "node:readline";
import { createSqliteClaimStore } from "../../../src/store/sqlite-claim-store.ts";
import { SqliteConnection } from "../../../src/store/sqlite-connection.ts";

const [file, countArg, seedArg] = process.argv.slice(2);
if (!file || !countArg || !seedArg) throw new Error("usage: claim-worker.ts <file> <count> <seed>");
const count = Number(countArg);
const seed = Number(seedArg);
// The same connection and claim store `createKeyvFactory` opens for STORE=file, without the Keyv and
// Redis modules a bot loads: the processes start faster on a busy machine.
const connection = new SqliteConnection(file);
const claims = createSqliteClaimStore(connection);
// Each worker walks the keys from its own starting point, so workers collide all along the way.
const order = Array.from({ length: count }, (_, i) => (i * 7 + seed * 13) % count);
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
for await (const line of lines) {
  if (line.trim() !== "go") continue;
  const won: number[] = [];
  for (const i of order) if (await claims.claim(`web:s-${i}:m-1`, 60_000)) won.push(i);
  process.stdout.write(`${JSON.stringify(won)}\n`);
  break;
}
lines.close();
connection.close();
