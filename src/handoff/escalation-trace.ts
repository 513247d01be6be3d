import { z } from "zod";
import { defineTraceExtension } from "../core/trace.ts";
import { prioritySchema } from "../model/priority.ts";

/** Why a turn went to a person (or was relayed to one), and with which priority. */
export const escalationTrace = defineTraceExtension("escalation", {
  priority: prioritySchema,
  escalationReason: z.string(),
});
