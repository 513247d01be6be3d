import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTraceExtension, type TurnTrace, turnTraceSchema } from "../../src/core/trace.ts";

const example = defineTraceExtension("example", { entryId: z.string(), score: z.number().min(0).max(1) });

describe("trace extensions", () => {
  it("write their fields flat on the trace, where the transcript schema keeps them", () => {
    const trace: TurnTrace = { action: "answer" };
    example.with({ entryId: "refunds", score: 0.8 }).apply(trace);
    expect(turnTraceSchema.parse(trace)).toEqual({ action: "answer", entryId: "refunds", score: 0.8 });
    expect(example.read(trace)).toEqual({ entryId: "refunds", score: 0.8 });
  });

  it("refuse a value their schema refuses, and a field they do not have", () => {
    const trace: TurnTrace = {};
    expect(() => example.write(trace, { score: 3 })).toThrow();
    expect(() => example.write(trace, { other: 1 } as never)).toThrow('has no field "other"');
    expect(trace).toEqual({});
  });

  it("read only valid fields (a stored trace from an older version), and remove a field set to undefined", () => {
    const stored: TurnTrace = { entryId: 42, score: 0.5 };
    expect(example.read(stored)).toEqual({ score: 0.5 });
    example.write(stored, { score: undefined });
    expect(stored).toEqual({ entryId: 42 });
  });
});
