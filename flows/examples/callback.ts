import { z } from "zod";
import type { Feature } from "../../src/core/feature.ts";
import { defineSlice } from "../../src/core/slice.ts";
import { defineMessages } from "../../src/i18n/define-messages.ts";

const messages = defineMessages("callback", {
  en: {
    "callback.ask": "What number should we call you on?",
    "callback.retry": "That doesn't look like a phone number. Please send just the number.",
    "callback.done": "Thanks! We'll call {phone} within one business day.",
  },
  ko: {
    "callback.ask": "어느 번호로 연락드릴까요?",
    "callback.retry": "전화번호 형식이 아니에요. 번호만 보내 주세요.",
    "callback.done": "감사합니다! 영업일 기준 하루 안에 {phone}(으)로 연락드릴게요.",
  },
});
const requested = defineSlice("callback", z.object({ phone: z.string(), at: z.number() }));
const PHONE = /^\+?[\d\s-]{7,20}$/;

/** "/callback": asks for a phone number, remembers it; a question meanwhile goes to the FAQ. */
export function callbackFeature(): Feature {
  return {
    name: "callback",
    messages,
    install(composer) {
      composer.command("callback", (ctx) => {
        ctx.setFlow("phone");
        ctx.reply(messages.t(ctx, "callback.ask"));
        ctx.act("command");
      });
      composer.step(
        (ctx) => {
          const phone = ctx.text.trim();
          ctx.act("command");
          if (!PHONE.test(phone)) return ctx.reply(messages.t(ctx, "callback.retry"));
          requested.set(ctx.state, { phone, at: Date.now() });
          ctx.endFlow();
          ctx.reply(messages.t(ctx, "callback.done", { phone }));
        },
        { declines: (ctx) => /[?？]\s*$/.test(ctx.text) },
      );
    },
  };
}
