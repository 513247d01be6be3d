/**
 * The FAQ confidence prior: logistic weights over {@link rankingFeatures}, fitted by
 * `npm run train -- --only faq` (eval/faq-prior-training.ts) on development paraphrase sets,
 * customers' own wording, never the held-out sets. Generated: change the training, not this file.
 *
 * Fitted on 587 messages (420 with the right entry ranked first, 87 off-topic):
 * - eval/dev/demo-kb.yaml
 * - eval/dev/promptmart-kb.yaml
 * - eval/dev2/demo-kb.yaml
 * - eval/dev2/promptmart-kb.yaml
 */
import type { ConfidencePrior } from "./calibration.ts";

export const CONFIDENCE_PRIOR: ConfidencePrior | undefined = [
  -3.9071, 0.4508, 0.3487, 0.3751, 0.1261, 1.7107, -0.3982, 1.0371, 0.9581, 0.2113, 1.4438, 1.4622, 0.3553,
];
