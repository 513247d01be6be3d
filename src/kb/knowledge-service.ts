import { type FSWatcher, watch } from "node:fs";
import type { Logger } from "../core/logger.ts";
import { type FaqEngine, faqEngineFor } from "./engine/faq-engine.ts";
import { loadKnowledgeBase } from "./load-kb.ts";
import { createRetriever, type Retriever } from "./retriever.ts";
import type { KbEntry, KnowledgeBase } from "./schema.ts";

/** The KB currently in force and its search index, swapped atomically on reload. */
export interface KnowledgeSnapshot {
  kb: KnowledgeBase;
  /** The FAQ engine (retrieval, FAQ model, calibrated decision) the FAQ flow uses. */
  engine: FaqEngine;
  /** The earlier question-only TF-IDF retriever, kept for callers that rank without deciding. */
  retriever: Retriever;
  entry(id: string): KbEntry | undefined;
}

export interface KnowledgeService {
  current(): KnowledgeSnapshot;
  /** Re-reads the file; on error keeps the previous KB and rethrows. */
  reload(): KnowledgeSnapshot;
  /** Calls `listener` after every successful reload (retraining models that learn from the KB). */
  onReload(listener: (snapshot: KnowledgeSnapshot) => void): void;
  /** Reloads when the file changes; invalid edits are logged and ignored. */
  watch(logger: Logger, onReload?: (snapshot: KnowledgeSnapshot) => void): void;
  close(): void;
}

/** Builds a snapshot (index included) from a validated KB. */
function createKnowledgeSnapshot(kb: KnowledgeBase): KnowledgeSnapshot {
  const byId = new Map(kb.entries.map((entry) => [entry.id, entry]));
  return { kb, engine: faqEngineFor(kb), retriever: createRetriever(kb), entry: (id) => byId.get(id) };
}

/** Loads the KB at `file` (throws a KbError naming the problem if invalid). */
export function createKnowledgeService(file: string): KnowledgeService {
  let snapshot = createKnowledgeSnapshot(loadKnowledgeBase(file));
  let watcher: FSWatcher | undefined;
  const listeners: ((snapshot: KnowledgeSnapshot) => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const service: KnowledgeService = {
    current: () => snapshot,
    reload() {
      snapshot = createKnowledgeSnapshot(loadKnowledgeBase(file));
      for (const listener of listeners) listener(snapshot);
      return snapshot;
    },
    onReload(listener) {
      listeners.push(listener);
    },
    watch(logger, onReload) {
      watcher = watch(file, () => {
        // Editors write files in several steps: wait for the burst to settle.
        clearTimeout(timer);
        timer = setTimeout(() => {
          try {
            const next = service.reload();
            logger.info({ file, entries: next.kb.entries.length }, "knowledge base reloaded");
            onReload?.(next);
          } catch (error) {
            logger.error({ err: error, file }, "knowledge base change ignored: the new file is invalid");
          }
        }, 200);
      });
      watcher.on("error", (error) =>
        logger.warn({ err: error, file }, "stopped watching the knowledge base"),
      );
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
  return service;
}
