import { createServer } from "node:net";
import telegramTestApi from "telegram-test-api";

/** The `telegram-test-api` emulator class (its ESM/CJS default export, whichever Node hands over). */
type TelegramServerClass = typeof telegramTestApi.default;
export const TelegramServer = ((telegramTestApi as { default?: TelegramServerClass }).default ??
  telegramTestApi) as TelegramServerClass;
export type Emulator = InstanceType<TelegramServerClass>;

/** A TCP port free on 127.0.0.1 right now, for an emulator to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
