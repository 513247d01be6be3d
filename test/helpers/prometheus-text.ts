/** One sample of the Prometheus text exposition format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Parses the text format (version 0.0.4) into samples; throws on a line that is neither a comment
 * nor a sample, so a malformed exposition fails the test.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const [, name = "", labelText = "", value = ""] = match;
    const labels: Record<string, string> = {};
    for (const [, key = "", raw = ""] of labelText.matchAll(LABEL))
      labels[key] = raw.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
    // Go's ParseFloat (Prometheus) reads NaN in any case; prom-client writes `Nan`.
    const special: Record<string, number> = { "+inf": Infinity, "-inf": -Infinity, nan: Number.NaN };
    const number = special[value.toLowerCase()] ?? Number(value);
    if (Number.isNaN(number) && value.toLowerCase() !== "nan") throw new Error(`not a sample value: ${line}`);
    samples.push({ name, labels, value: number });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sumOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter(
      (sample) =>
        sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((total, sample) => total + sample.value, 0);
}
