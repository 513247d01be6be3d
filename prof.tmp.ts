import { readFileSync } from "node:fs";
import { parseMarkdown } from "./src/markdown/parse.ts";
const src = readFileSync("/tmp/inputs.ts", "utf8").replace("const INPUTS: Record<string, (length: number) => string> =", "return");
const INPUTS = new Function(src.replace(/\(length: number\): string =>/g, "(length) =>").replace(/\(unit: string, end: string\)/g,"(unit, end)").replace(/\(unit: string\)/g,"(unit)").replace(/\(start: string, unit: string, end: string\)/g,"(start, unit, end)").replace(/\(length\) =>/g,"(length) =>").replace(/\(_, i\)/g,"(_, i)"))() as Record<string,(n:number)=>string>;
const cpu = (t: string) => { const s = process.cpuUsage(); parseMarkdown(t); const u = process.cpuUsage(s); return (u.user + u.system) / 1000; };
let total = 0;
for (const [name, f] of Object.entries(INPUTS)) {
  const a = cpu(f(10000)), b = cpu(f(100000));
  total += a * 3 + b;
  console.log(name.padEnd(24), a.toFixed(1).padStart(8), b.toFixed(1).padStart(8));
}
console.log("total", total.toFixed(0));
