import type { Logger } from "../../../src/core/logger.ts";

/** A command as Telegram's menu shows it, described in each language we register. */
export interface CommandDescription {
  command: string;
  en: string;
  ko: string;
}

/** The commands the core's flows understand, for the "/" menu in Telegram clients. */
export const TELEGRAM_COMMANDS: readonly CommandDescription[] = [
  { command: "start", en: "Start talking to support", ko: "상담 시작하기" },
  { command: "help", en: "What I can help with", ko: "도움말 보기" },
  { command: "ticket", en: "Open a support ticket", ko: "문의 티켓 만들기" },
  { command: "status", en: "Check your ticket's status", ko: "티켓 처리 상태 확인" },
  { command: "human", en: "Talk to a person", ko: "상담원 연결" },
  { command: "forget", en: "Delete what I remember about you", ko: "내 대화 기록 삭제" },
  { command: "lang", en: "Change language: /lang en or /lang ko", ko: "언어 변경: /lang en 또는 /lang ko" },
];

/**
 * Registers the command menu: English as the default, Korean for clients set to Korean. A server
 * that does not support it (an emulator) or a failure costs only the menu, so it is logged and
 * start-up continues.
 * @see https://core.telegram.org/bots/api#setmycommands
 */
export async function registerCommands(
  call: (method: string, payload: Record<string, unknown>) => Promise<unknown>,
  logger: Logger,
): Promise<void> {
  const lists = [
    { commands: TELEGRAM_COMMANDS.map(({ command, en }) => ({ command, description: en })) },
    {
      commands: TELEGRAM_COMMANDS.map(({ command, ko }) => ({ command, description: ko })),
      language_code: "ko",
    },
  ];
  for (const payload of lists) {
    try {
      await call("setMyCommands", payload);
    } catch (error) {
      logger.warn(
        {
          err: error instanceof Error ? error.message : String(error),
          language: payload.language_code ?? "default",
        },
        "could not register the Telegram command menu; continuing without it",
      );
      return;
    }
  }
}
