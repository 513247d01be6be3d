export * from "./address.ts";
export * from "./capabilities.ts";
export * from "./events.ts";
export * from "./outbound.ts";
export * from "./user.ts";
