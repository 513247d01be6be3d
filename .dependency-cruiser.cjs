/**
 * Layers only point down: model, markdown ← core ← services ← features (flows/) ← adapters / app.
 * src/markdown is text processing (parse once, render per channel) that imports nothing of ours.
 * `npm run deps` checks them (part of `npm run check`, so CI enforces it).
 * @type {import('dependency-cruiser').IConfiguration}
 */
const SERVICES = "^src/(kb|tickets|handoff|llm|privacy|abuse|understanding|store|coordination)/";

module.exports = {
  forbidden: [
    {
      name: "model-imports-nothing",
      comment: "src/model holds the shared data shapes; it depends on nothing of ours.",
      severity: "error",
      from: { path: "^src/model/" },
      to: { path: "^(src|flows|adapters)/", pathNot: "^src/model/" },
    },
    {
      name: "markdown-imports-nothing",
      severity: "error",
      from: { path: "^src/markdown/" },
      to: { path: "^(src|flows|adapters)/", pathNot: "^src/markdown/" },
    },
    {
      name: "core-knows-no-feature",
      comment: "The core imports only the model (and its own files): no service, feature or adapter.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: `^(flows|adapters)/|^src/(app|http|cli|metrics)/|${SERVICES}` },
    },
    {
      name: "services-know-no-feature",
      comment: "Services (kb, tickets, hand-off, llm, …) import no feature, adapter or app wiring.",
      severity: "error",
      from: { path: SERVICES },
      to: { path: "^(flows|adapters)/|^src/(app|http|cli)/" },
    },
    {
      name: "llm-serves-its-consumers",
      comment:
        "The LLM layer is a capability the hand-off, tickets and flows use: it imports none of them " +
        "(the desk's summary, which uses the LLM, lives in src/handoff).",
      severity: "error",
      from: { path: "^src/llm/" },
      to: { path: "^src/(handoff|tickets|abuse|metrics)/" },
    },
    {
      name: "privacy-takes-ports",
      comment:
        "Erasure reaches the stores that hold a customer's words through ports (src/privacy/erasure-ports.ts); " +
        "src/app passes the ticket store and the unanswered log in.",
      severity: "error",
      from: { path: "^src/privacy/" },
      to: { path: "^src/(tickets|handoff|kb|llm|abuse)/" },
    },
    {
      name: "http-knows-no-app",
      comment: "src/http takes the running bot through a port (HttpHost); src/app implements it.",
      severity: "error",
      from: { path: "^src/http/" },
      to: { path: "^(flows|adapters)/|^src/(app|cli)/" },
    },
    {
      name: "errors-live-in-the-model",
      comment: "The error hierarchy is src/model/errors.ts; the core keeps no errors of its own to import.",
      severity: "error",
      from: {},
      to: { path: "^src/core/errors\\.ts$" },
    },
    {
      name: "services-form-no-cycle",
      comment:
        "Between services, imports go one way (privacy's PII redaction at the bottom, the hand-off and " +
        "tickets on top); a lower service that needs a higher one takes a port.",
      severity: "error",
      from: { path: SERVICES },
      to: { circular: true },
    },
    {
      name: "features-import-no-adapter",
      severity: "error",
      from: { path: "^flows/" },
      to: { path: "^adapters/|^src/(app|http|cli)/" },
    },
    {
      name: "adapters-import-no-feature",
      severity: "error",
      from: { path: "^adapters/" },
      to: { path: "^flows/" },
    },
    {
      name: "one-channel-knows-no-other",
      comment:
        "Customer channels (adapters/channels/*) and staff desks (adapters/desks/*) are apart: each imports only its own files, the core and services; they meet in src/app.",
      severity: "error",
      from: { path: "^adapters/(channels|desks)/([^/]+)/" },
      to: { path: "^adapters/(channels|desks)/", pathNot: "^adapters/$1/$2/" },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
  },
};
