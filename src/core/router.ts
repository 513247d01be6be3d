import type { TurnContext } from "./context.ts";
import type { Flow } from "./flow.ts";

/** Matches an action to a flow's declared actions: exact name, or a prefix ending in `.`. */
function handlesAction(flow: Flow, action: string): boolean {
  return (flow.actions ?? []).some((declared) =>
    declared.endsWith(".") ? action.startsWith(declared) : action === declared,
  );
}

/**
 * Picks the flow for a turn. A flow that intercepts the event wins; otherwise buttons and commands go to the flow that declared them; a message goes
 * to the conversation's active flow (unless it declines it), else to the first flow (in order) whose `match` accepts it.
 */
export function routeTurn(flows: readonly Flow[], ctx: TurnContext): Flow | undefined {
  const intercepting = flows.find((flow) => flow.intercept?.(ctx) ?? false);
  if (intercepting) return intercepting;
  const event = ctx.event;
  switch (event.type) {
    case "action":
      return flows.find((flow) => handlesAction(flow, event.action));
    case "command":
      return (
        flows.find((flow) => flow.commands?.includes(event.command)) ??
        flows.find((flow) => flow.commands?.includes("*"))
      );
    case "message": {
      const active = ctx.state.flow && flows.find((flow) => flow.name === ctx.state.flow?.name);
      if (active && !(active.declines?.(ctx) ?? false)) return active;
      return flows.find((flow) => flow !== active && (flow.match?.(ctx) ?? false));
    }
    case "system":
      return flows.find((flow) => flow.match?.(ctx) ?? false);
  }
}
