import { z } from "zod";

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are kebab-case: lower-case letters, digits and dashes");
const localeKey = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "locales look like en, ko or pt-BR");

export const kbLinkSchema = z.object({
  label: z.string().min(1).max(80),
  url: z.url(),
});

export const kbEntrySchema = z.object({
  id: kebabId,
  category: kebabId,
  questions: z.record(localeKey, z.array(z.string().trim().min(1)).min(1)),
  answer: z.record(localeKey, z.string().trim().min(1)),
  links: z.array(kbLinkSchema).optional(),
  /**
   * Optional step-by-step variant of the answer per locale, for customers who are new to this: the
   * bot offers it with a button and uses it directly when they say they are new or ask again.
   */
  steps: z.record(localeKey, z.string().trim().min(1)).optional(),
});

export const ticketCategorySchema = z.object({
  id: kebabId,
  team: z.string().min(1),
});

/** The knowledge base file format (see the header of the PromptMart fixture). */
export const knowledgeBaseSchema = z.object({
  defaultLocale: localeKey,
  ticketCategories: z.array(ticketCategorySchema).min(1),
  entries: z.array(kbEntrySchema).min(1),
});

export type KbEntry = z.infer<typeof kbEntrySchema>;
export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;
