import { z } from "zod";

/** A budget: at most `points` events per `seconds` (a fixed window). */
export interface RateSpec {
  points: number;
  seconds: number;
}

/** The written form of a budget: `30/60` (30 per 60 seconds) or `off`. */
const SPEC = /^\s*(\d{1,6})\s*\/\s*(\d{1,7})\s*$/;

/** Parses `30/60` into a {@link RateSpec}, `off` into `null`; `undefined` for anything else. */
export function parseRateSpec(text: string): RateSpec | null | undefined {
  if (text.trim().toLowerCase() === "off") return null;
  const match = SPEC.exec(text);
  if (!match) return undefined;
  const points = Number(match[1]);
  const seconds = Number(match[2]);
  return points >= 1 && seconds >= 1 ? { points, seconds } : undefined;
}

/**
 * A configuration variable holding a budget, e.g. `RATE_LIMIT_USER=30/60`. `what` names the counted
 * thing in the error message ("messages", "tickets").
 */
export function rateSpecSetting(name: string, fallback: string, what: string) {
  return z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const spec = parseRateSpec(text);
      if (spec === undefined) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be <${what}>/<seconds> with both at least 1 (e.g. ${fallback}), or off`,
        });
        return z.NEVER;
      }
      return spec;
    });
}
