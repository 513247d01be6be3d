import { z } from "zod";
import { defineTraceExtension } from "../core/trace.ts";

/** The FAQ's part of a turn's trace: the entry answered (or rated), and the candidates it weighed. */
export const faqTrace = defineTraceExtension("faq", {
  faqId: z.string(),
  candidates: z.array(z.object({ id: z.string(), score: z.number() })),
});
