// Prints vitest's JSON report as one plain closing line: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from "node:fs";

const file = process.argv[2] ?? ".ci/vitest-report.json";
if (!existsSync(file)) {
  console.log("tests: 0 passed, 1 failed (no test report was written)");
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, "utf8"));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
