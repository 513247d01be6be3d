import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSlice } from "../../src/core/slice.ts";
import { emptyState, parseStoredState } from "../../src/core/state.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";

describe("state slices", () => {
  const counter = defineSlice("counter", z.object({ n: z.number().int() }));

  it("stores a feature's value under its name and reads it back validated", () => {
    const state = emptyState();
    expect(counter.get(state)).toBeUndefined();
    counter.set(state, { n: 2 });
    expect(state.slices).toEqual({ counter: { n: 2 } });
    expect(counter.get(parseStoredState(JSON.parse(JSON.stringify(state))).state)).toEqual({ n: 2 });
    counter.set(state, undefined);
    expect(state.slices).toEqual({});
  });

  it("reads a stored value that no longer fits its schema as absent, without losing the state", () => {
    const { state, valid } = parseStoredState({ turns: 3, slices: { counter: { n: "three" } } });
    expect(valid).toBe(true);
    expect(state.turns).toBe(3);
    expect(counter.get(state)).toBeUndefined();
  });

  it("refuses to store a value its schema rejects", () => {
    expect(() => counter.set(emptyState(), { n: 1.5 })).toThrow();
  });

  it("moves a hand-off stored before slices (top-level ownership) into the hand-off's slice", () => {
    const stored = { turns: 4, ownership: { status: "queued", since: 1, priority: "high" } };
    const { state, valid } = parseStoredState(stored);
    expect(valid).toBe(true);
    expect(ownershipOf(state)).toMatchObject({ status: "queued", priority: "high" });
    expect(state).not.toHaveProperty("ownership");
  });
});
