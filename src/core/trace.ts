import { z } from "zod";
import { intentResultSchema, sentimentLabelSchema } from "../model/understanding.ts";

export const turnActionSchema = z.enum([
  "answer",
  "clarify",
  "ticket",
  "escalate",
  "smalltalk",
  "fallback",
  "command",
]);
export type TurnAction = z.infer<typeof turnActionSchema>;

/**
 * Why the bot did what it did on one turn: the replay CLI prints it, the transcript stores it,
 * metrics read it. The core's own fields are what every turn has (what kind of turn, which feature
 * took it, what was understood); features add theirs through a {@link TraceExtension} (the FAQ
 * entry answered, the ticket opened, why it escalated). Fields nothing produced stay absent.
 */
export const coreTraceSchema = z.object({
  action: turnActionSchema.optional(),
  /** The feature that took the turn. */
  flow: z.string().optional(),
  intent: intentResultSchema.pick({ name: true, confidence: true }).optional(),
  sentiment: z.object({ label: sentimentLabelSchema, score: z.number() }).optional(),
  language: z.string().optional(),
});
export const turnTraceSchema = coreTraceSchema.catchall(z.unknown());
export type TurnTrace = z.infer<typeof turnTraceSchema>;

/** Fields a feature puts on the trace, checked by its extension: pass to `ctx.act`. */
export interface TraceFields {
  apply(trace: TurnTrace): void;
}

/** Fields to set; an `undefined` one is removed. */
export type FieldUpdate<T> = { [K in keyof T]?: T[K] | undefined };

/** A feature's own fields on the turn's trace, each validated by its schema. */
export interface TraceExtension<T extends Record<string, unknown>> {
  readonly name: string;
  /** The extension's fields on `trace` that are present and valid. */
  read(trace: TurnTrace): Partial<T>;
  /** Sets fields (`undefined` removes one); throws on a value its schema refuses. */
  write(trace: TurnTrace, fields: FieldUpdate<T>): void;
  /** The same, as an argument of `ctx.act`. */
  with(fields: FieldUpdate<T>): TraceFields;
}

export function defineTraceExtension<Shape extends z.ZodRawShape>(
  name: string,
  shape: Shape,
): TraceExtension<z.infer<z.ZodObject<Shape>>> {
  type Fields = z.infer<z.ZodObject<Shape>>;
  const keys = Object.keys(shape) as (keyof Fields & string)[];
  const extension: TraceExtension<Fields> = {
    name,
    read(trace) {
      const found: Partial<Fields> = {};
      for (const key of keys) {
        const value = trace[key];
        if (value === undefined) continue;
        const parsed = (shape[key] as z.ZodType).safeParse(value);
        if (parsed.success) found[key] = parsed.data as Fields[typeof key];
      }
      return found;
    },
    write(trace, fields) {
      for (const [key, value] of Object.entries(fields)) {
        if (!(keys as string[]).includes(key))
          throw new Error(`trace extension "${name}" has no field "${key}"`);
        if (value === undefined) delete trace[key];
        else trace[key] = (shape[key] as z.ZodType).parse(value);
      }
    },
    with(fields) {
      return { apply: (trace) => extension.write(trace, fields) };
    },
  };
  return extension;
}
