import { z } from "zod";

/** A comma-separated setting ("a, b,,c") as its trimmed, non-empty items; unset is an empty list. */
export const commaList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );
