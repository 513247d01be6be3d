// Switchboard web chat: talks to the bot over the WebSocket documented in the README.
const log = document.getElementById("log");
const form = document.getElementById("form");
const input = document.getElementById("input");
const statusLine = document.getElementById("status");

const randomId = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

/**
 * The session token: a secret drawn here and kept in this browser. It proves the conversation is
 * ours (history, new messages) and is only sent in a body or header, never in a URL; the server
 * shows everyone else a conversation id derived from it. getRandomValues also works on plain http.
 */
const session = (() => {
  const stored = localStorage.getItem("switchboard.session");
  if (stored && /^[A-Za-z0-9_-]{22,128}$/.test(stored)) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const fresh = btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
  localStorage.setItem("switchboard.session", fresh);
  return fresh;
})();

function append(kind, build) {
  const item = document.createElement("li");
  item.className = `msg msg--${kind}`;
  build(item);
  log.append(item);
  item.scrollIntoView({ block: "end" });
  return item;
}

/** Bubbles of streamed replies by frame id: `edit` frames replace their content. */
const streaming = new Map();

function showBotMessage(message, id) {
  const item = append("bot", (bubble) => fillBotMessage(bubble, message));
  if (id) streaming.set(id, item);
  // Only the newest bubbles can still be edited; forget the others.
  for (const old of streaming.keys()) if (streaming.size > 20) streaming.delete(old);
  return item;
}

/** Replaces a streamed bubble's text (and, on the final edit, adds its buttons). */
function editBotMessage(id, message, final) {
  const item = streaming.get(id);
  if (!item) {
    if (final) showBotMessage(message);
    return;
  }
  fillBotMessage(item, message);
  item.scrollIntoView({ block: "end" });
  // Screen readers wait for the finished answer instead of reading every partial one.
  if (final) {
    streaming.delete(id);
    item.removeAttribute("aria-busy");
  } else item.setAttribute("aria-busy", "true");
}

function fillBotMessage(item, message) {
  if (message.language) item.lang = message.language;
  // The server renders the reply's Markdown as safe HTML (src/markdown/render-html.ts): every text
  // escaped, links only for http(s) and mailto. Without it, the text is shown as text.
  if (typeof message.html === "string") item.innerHTML = message.html;
  else item.textContent = message.text;
  if (!message.buttons?.length) return;
  const group = document.createElement("div");
  group.className = "msg__buttons";
  for (const button of message.buttons) {
    if (button.kind === "link") {
      const link = document.createElement("a");
      link.href = button.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = button.label;
      group.append(link);
    } else {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = button.label;
      element.addEventListener("click", () => {
        for (const sibling of group.querySelectorAll("button")) sibling.disabled = true;
        showUserMessage(button.label);
        send({ type: "action", action: button.action, ...(button.value ? { value: button.value } : {}) });
      });
      group.append(element);
    }
  }
  item.append(group);
}

function showUserMessage(text) {
  append("user", (item) => {
    item.textContent = text;
  });
}

let socket;
let ready = false;
// The cursor of the last frame shown: on reconnect (to any bot process) the server first sends
// what this page missed after it.
let cursor;
const queue = [];
// Messages sent but not answered yet, by id: sent again after a reconnect (the bot answers an id
// once, so one that was answered meanwhile is dropped as a duplicate; one whose process died
// mid-turn is answered by the process the page reconnected to).
const unanswered = new Map();
function send(payload) {
  const id = randomId();
  const message = JSON.stringify({ ...payload, id, locale: navigator.language });
  unanswered.set(id, message);
  // A message to a person gets no bot reply: keep only the latest few.
  if (unanswered.size > 20) unanswered.delete(unanswered.keys().next().value);
  if (ready && socket?.readyState === WebSocket.OPEN) socket.send(message);
  else queue.push(message);
}

function connect(attempt = 0) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/api/chat/ws`);
  ready = false;
  socket.addEventListener("open", () =>
    socket.send(JSON.stringify({ type: "hello", session, ...(cursor ? { after: cursor } : {}) })),
  );
  socket.addEventListener("message", (event) => {
    const data = JSON.parse(event.data);
    if (typeof data.cursor === "string") cursor = data.cursor;
    if (typeof data.replyTo === "string") unanswered.delete(data.replyTo);
    if (data.type === "ready") {
      ready = true;
      attempt = 0;
      statusLine.textContent = "Online";
      const queued = new Set(queue);
      while (queue.length) socket.send(queue.shift());
      for (const message of unanswered.values()) if (!queued.has(message)) socket.send(message);
    } else if (data.type === "message") showBotMessage(data.message, data.id);
    else if (data.type === "edit") editBotMessage(data.id, data.message, data.final === true);
    else if (data.type === "error") append("error", (item) => (item.textContent = data.error));
  });
  socket.addEventListener("close", () => {
    ready = false;
    statusLine.textContent = "Reconnecting…";
    setTimeout(() => connect(attempt + 1), Math.min(10_000, 500 * 2 ** attempt));
  });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  showUserMessage(text);
  send({ type: "message", text });
  input.value = "";
  input.focus();
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

async function restoreHistory() {
  try {
    // The latest page is enough to pick the conversation up again.
    const response = await fetch("/api/chat/history", { headers: { authorization: `Bearer ${session}` } });
    if (!response.ok) return;
    const { messages } = await response.json();
    for (const message of messages) {
      if (message.from === "user") showUserMessage(message.text);
      else showBotMessage(message);
    }
  } catch {
    // History is a convenience; the chat works without it.
  }
}

restoreHistory().finally(() => connect());
