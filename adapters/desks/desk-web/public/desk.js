// Switchboard local desk: the JSON API and WebSocket documented in adapters/desks/desk-web/README.md.
const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "switchboard.desk.token";
const AGENT_KEY = "switchboard.desk.agent";
const enc = encodeURIComponent;

const params = new URLSearchParams(location.search);
if (params.get("token")) localStorage.setItem(TOKEN_KEY, params.get("token"));
const token = params.get("token") ?? localStorage.getItem(TOKEN_KEY) ?? "";

/** Open hand-offs by conversation; the selected one is kept apart so it stays visible once closed. */
const handoffs = new Map();
const unread = new Map();
let selected;
let selectedPacket;
let seen = new Set();
let pendingLines = null;
let agentName = localStorage.getItem(AGENT_KEY) ?? "";
/** Blocks in force, from GET /api/desk/blocks (absent when the bot has no blocklist). */
let blocks = [];
/** Inbox rows from GET /api/desk/inbox (tickets and hand-offs), the teams, and the selected row's view. */
let inbox = [];
let teams = [];
let selectedItem;
let conversationView;
const agent = () => ({ id: `local:${agentName.trim().toLowerCase().replace(/\s+/g, "-")}`, name: agentName });

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

async function api(path, body) {
  const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
  if (body) headers["content-type"] = "application/json";
  const response = await fetch(path, {
    method: body ? "POST" : "GET",
    headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `The desk answered ${response.status}`);
  return data;
}

/** Web chat customers have no name, only a long random id: show its start, the packet has the rest. */
const shortCustomer = (customer) => (customer.length > 12 ? `Customer ${customer.slice(0, 8)}…` : customer);
const customerName = (packet) => packet.customer.name ?? shortCustomer(packet.customer.id);
const isMine = (packet) => packet.status === "human" && packet.agent?.id === agent().id;
function statusText(packet) {
  if (packet.status === "queued") return "Waiting for a person";
  if (packet.status === "human")
    return isMine(packet) ? "With you" : `With ${packet.agent?.name ?? "someone"}`;
  return packet.status === "closed" ? "Closed" : "Back with the bot";
}
const when = (at) => new Date(at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
const untilText = (until) => (until === null ? "permanently" : `until ${when(until)}`);
const blockedText = (blocked) => `${untilText(blocked.until)} by ${blocked.by}: ${blocked.reason}`;
const shortId = (id) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

const ticketText = (packet) =>
  packet.ticket
    ? `Ticket ${packet.ticket.id}${packet.ticket.dueText ? `, due ${packet.ticket.dueText}` : ""}`
    : "";

const STATUS_LABELS = {
  new: "New",
  open: "Open",
  pending_customer: "Waiting on customer",
  pending_internal: "Waiting on us",
  solved: "Solved",
  closed: "Closed",
  queued: "Waiting for a person",
  human: "With a person",
  bot: "With the bot",
};
const sameItem = (a, b) => a && b && a.conversation === b.conversation && a.ticketId === b.ticketId;
function dueSpan(item) {
  if (!item.dueAt) return el("span", "", "");
  const text = item.sla === "past" ? `overdue since ${when(item.dueAt)}` : `due ${when(item.dueAt)}`;
  return el("span", `sla sla--${item.sla}`, text);
}

function renderList() {
  const focused = document.activeElement?.dataset?.conversation;
  $("handoffs").replaceChildren(
    ...inbox.map((entry) => {
      const packet = handoffs.get(entry.conversation);
      const live = packet && (!entry.ticketId || packet.ticket?.id === entry.ticketId) ? packet : undefined;
      const sla = entry.sla && entry.sla !== "ok" ? ` handoff--sla-${entry.sla}` : "";
      const button = el("button", `handoff handoff--${live?.status ?? entry.status}${sla}`);
      button.type = "button";
      button.dataset.conversation = entry.conversation;
      if (entry.ticketId) button.dataset.ticket = entry.ticketId;
      if (sameItem(entry, selectedItem)) button.setAttribute("aria-current", "true");
      const top = el("span", "handoff__top");
      top.append(
        el("span", `badge badge--${entry.priority}`, entry.priority),
        el("strong", "", live ? customerName(live) : shortCustomer(entry.customer)),
      );
      if (live?.blocked) top.append(el("span", "badge badge--blocked", "Blocked"));
      const count = unread.get(entry.conversation);
      if (count) top.append(el("span", "badge badge--new", `${count} new`));
      const waiting = live?.status === "queued" && entry.kind === "handoff";
      const owner =
        live?.status === "human" || waiting
          ? statusText(live)
          : entry.owner
            ? `With ${entry.owner}`
            : "Unassigned";
      const status = el(
        "span",
        "handoff__status",
        `${STATUS_LABELS[entry.status] ?? entry.status} · ${owner} `,
      );
      status.append(dueSpan(entry));
      const meta = [
        entry.ticketId ? `Ticket ${entry.ticketId}` : "Hand-off",
        entry.team,
        entry.channel,
        entry.language,
      ];
      button.append(
        top,
        el("span", "handoff__reason", entry.subject),
        el("span", "handoff__meta", meta.filter(Boolean).join(" · ")),
        status,
      );
      button.addEventListener("click", () => select(entry.conversation, entry.ticketId));
      const item = el("li");
      item.append(button);
      return item;
    }),
  );
  const history = $("f-view").value === "history";
  $("queue-empty").textContent = history
    ? "No solved or closed tickets match."
    : "No conversations waiting for a person.";
  $("queue-empty").hidden = inbox.length > 0;
  $("queue-count").textContent = inbox.length ? `(${inbox.length})` : "";
  if (focused) document.querySelector(`[data-conversation="${CSS.escape(focused)}"]`)?.focus();
}

function inboxQuery() {
  const query = new URLSearchParams();
  const add = (key, value) => value && query.set(key, value);
  add("view", $("f-view").value);
  if ($("f-owner").value === "mine") add("mine", agentName);
  if ($("f-owner").value === "unassigned") add("unassigned", "1");
  add("team", $("f-team").value);
  add("status", $("f-status").value);
  add("priority", $("f-priority").value);
  add("channel", $("f-channel").value);
  add("q", $("search").value.trim());
  return query.toString();
}

async function loadInbox() {
  const data = await api(`/api/desk/inbox?${inboxQuery()}`);
  inbox = data.items;
  if (JSON.stringify(teams) !== JSON.stringify(data.teams)) {
    teams = data.teams;
    const current = $("f-team").value;
    $("f-team").replaceChildren(
      el("option", "", "All teams"),
      ...teams.map((team) => el("option", "", team)),
    );
    $("f-team").options[0].value = "";
    $("f-team").value = current;
  }
  if (selectedItem) selectedItem = inbox.find((entry) => sameItem(entry, selectedItem)) ?? selectedItem;
  renderList();
}

let refreshTimer;
/** Many events arrive together (a packet and its lines): one inbox reload for all of them. */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    try {
      await loadInbox();
      if (selectedItem) await loadConversation();
    } catch (error) {
      $("status").textContent = error.message;
    }
  }, 150);
}

const EVENT_TEXT = {
  created: () => "opened",
  message: (data) => `${data.author} wrote`,
  status_changed: (data) => `${STATUS_LABELS[data.from] ?? data.from} → ${STATUS_LABELS[data.to] ?? data.to}`,
  assigned: (data) =>
    data.transfer
      ? `transferred ${data.fromTeam} → ${data.toTeam}${data.to ? ` (${data.to})` : ""}`
      : data.to
        ? `assigned to ${data.to}`
        : "unassigned",
  priority_changed: (data) => `priority ${data.from} → ${data.to}`,
  sla_warning: (data) => `SLA warning (${data.target ?? ""})`,
  sla_breached: (data) => `SLA breached (${data.target ?? ""})`,
  csat: (data) => (data.score ? `rated ${data.score}/5` : "commented"),
  anonymised: () => "personal data erased",
};

function renderTicket() {
  const ticket = conversationView?.ticket;
  $("ticket-panel").hidden = !ticket;
  if (!ticket) return;
  $("ticket-title").textContent = `Ticket ${ticket.id} · ${STATUS_LABELS[ticket.status]}`;
  $("ticket-facts").textContent = [
    ticket.subject,
    `team ${ticket.team}`,
    `${ticket.priority} priority`,
    ticket.assignee ? `owner ${ticket.assignee}` : "unassigned",
    ticket.firstResponseAt ? "" : `first reply due ${when(ticket.firstResponseDueAt)}`,
    `resolution due ${when(ticket.resolutionDueAt)}`,
  ]
    .filter(Boolean)
    .join(" · ");
  const closed = ticket.status === "closed";
  for (const status of ["pending_customer", "open", "solved", "closed"])
    $(`st-${status}`).disabled =
      closed || ticket.status === status || (status === "open" && ticket.status === "new");
  $("transfer").disabled = closed;
  const current = $("transfer-team").value;
  $("transfer-team").replaceChildren(
    ...teams.filter((team) => team !== ticket.team).map((team) => el("option", "", team)),
  );
  if (current) $("transfer-team").value = current;
  // Reveals are kept apart from the ticket's events; shown in one timeline.
  const timeline = [
    ...(conversationView.reveals ?? []).map((reveal) => ({
      at: reveal.at,
      text: `${when(reveal.at)} · personal data revealed · ${reveal.agent.name}`,
    })),
    ...conversationView.events.map((event) => ({
      at: event.at,
      text: `${when(event.at)} · ${(EVENT_TEXT[event.type] ?? (() => event.type))(event.data)} · ${event.actor}`,
    })),
  ].sort((a, b) => a.at - b.at);
  $("events").replaceChildren(...timeline.map((entry) => el("li", "", entry.text)));
  $("transcript").replaceChildren(
    ...conversationView.transcript.map((line) => {
      const item = el("li", `line transcript--${line.from}`);
      item.append(el("p", "line__text", line.text));
      return item;
    }),
  );
  if (!selectedPacket) {
    // Not on the desk (history): the ticket's own transcript stands in for the desk thread.
    const FROM = { customer: "customer", agent: "agent", note: "note", bot: "bot" };
    seen = new Set();
    $("thread").replaceChildren();
    for (const message of conversationView.messages)
      appendLine({
        from: FROM[message.author],
        name: message.authorName ?? undefined,
        text: message.text,
        at: message.at,
      });
  }
}

async function loadConversation() {
  const entry = selectedItem;
  if (!entry) return;
  const ticket = entry.ticketId ? `?ticket=${enc(entry.ticketId)}` : "";
  const data = await api(`/api/desk/conversations/${enc(entry.conversation)}${ticket}`);
  if (!sameItem(entry, selectedItem)) return;
  conversationView = data;
  renderTicket();
}

async function ticketAction(action, body) {
  const ticket = conversationView?.ticket;
  if (!ticket || !signedIn()) return;
  $("error").textContent = "";
  try {
    await api(`/api/desk/tickets/${enc(ticket.id)}/${action}`, { agent: agent(), ...body });
    await loadInbox();
    await loadConversation();
  } catch (error) {
    $("error").textContent = error.message;
  }
}

function renderDetail() {
  const packet = selectedPacket;
  $("detail").hidden = !packet && !selectedItem;
  $("packet").hidden = !packet;
  document.querySelector(".summary").hidden = !packet;
  if (!packet) {
    if (!selectedItem) return;
    $("detail-title").textContent =
      `${shortCustomer(selectedItem.customer)} · ${STATUS_LABELS[selectedItem.status]}`;
    $("detail-meta").textContent = `${selectedItem.channel} · ${selectedItem.conversation} · not on the desk`;
    for (const id of ["claim", "return", "close", "send", "reply", "block"]) $(id).disabled = true;
    $("unblock").hidden = true;
    return;
  }
  $("block").disabled = false;
  $("detail-title").textContent = `${customerName(packet)} · ${statusText(packet)}`;
  $("detail-meta").textContent = `${packet.channel} · ${packet.conversation} · ${packet.reason}`;
  const facts = [
    ["Priority", packet.priority],
    [
      "Intent",
      packet.intent ? `${packet.intent.name} (${Math.round(packet.intent.confidence * 100)}%)` : "unknown",
    ],
    [
      "Sentiment",
      packet.sentiment ? `${packet.sentiment.label} (${packet.sentiment.score.toFixed(2)})` : "unknown",
    ],
    ["Language", packet.language],
    ["Ticket", ticketText(packet).replace(/^Ticket /, "") || "none"],
    ["Team", [packet.team, packet.category].filter(Boolean).join(" · ") || "none"],
    ["FAQ tried", packet.triedFaqIds.length ? packet.triedFaqIds.join(", ") : "none"],
    ...(packet.blocked ? [["Blocked", blockedText(packet.blocked)]] : []),
  ];
  $("packet").replaceChildren(
    ...facts.flatMap(([term, value]) => {
      const wrap = el("div");
      wrap.append(el("dt", "", term), el("dd", "", value));
      return [wrap];
    }),
  );
  const summary = packet.summary.map((line) => el("li", "", line));
  $("summary").replaceChildren(
    ...(summary.length ? summary : [el("li", "muted", "Nothing: they asked straight away.")]),
  );
  const open = packet.status === "queued" || packet.status === "human";
  const heldByOther = packet.status === "human" && !isMine(packet);
  $("claim").disabled = !open || isMine(packet);
  $("return").disabled = !open || heldByOther;
  $("close").disabled = !open || heldByOther;
  $("send").disabled = !open;
  $("reply").disabled = !open;
  $("block").hidden = Boolean(packet.blocked);
  $("unblock").hidden = !packet.blocked;
}

function renderBlocks() {
  $("blocks").replaceChildren(
    ...blocks.map((block) => {
      const item = el("li", "block");
      const who = `${block.channel}:${shortId(block.userId)}`;
      const button = el("button", "", "Unblock");
      button.type = "button";
      button.setAttribute("aria-label", `Unblock ${who}`);
      button.addEventListener("click", () => unblock(block.channel, block.userId));
      const whenText = `${untilText(block.expiresAt)} · by ${block.blockedBy.name} · ${when(block.blockedAt)}`;
      item.append(
        el("span", "block__who", who),
        button,
        el("span", "block__why", block.reason),
        el("span", "block__when", whenText),
      );
      return item;
    }),
  );
  $("blocks-empty").hidden = blocks.length > 0;
  $("blocks-count").textContent = blocks.length ? `(${blocks.length})` : "";
}

async function loadBlocks() {
  try {
    blocks = (await api("/api/desk/blocks")).blocks;
    renderBlocks();
  } catch {
    // A desk without a blocklist: the section stays empty.
  }
}

const LABELS = { customer: "Customer", bot: "Bot", agent: "Agent", note: "Internal note", system: "Desk" };
function appendLine(line) {
  const key = `${line.at}|${line.from}|${line.text}`;
  if (seen.has(key)) return;
  seen.add(key);
  const item = el("li", `line line--${line.from}`);
  let who = LABELS[line.from] ?? line.from;
  if (line.from === "customer") who = line.name ?? customerName(selectedPacket);
  if (line.from === "agent") who = line.name ?? who;
  if (line.from === "note")
    who = `Internal note${line.name ? ` by ${line.name}` : ""}, not sent to the customer`;
  const time = new Date(line.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const text = el("p", "line__text", line.text);
  if (line.from === "customer" || line.from === "bot") text.lang = selectedPacket.language;
  item.append(el("p", "line__who", `${who} · ${time}`), text);
  $("thread").append(item);
  item.scrollIntoView({ block: "nearest" });
}

async function loadThread() {
  const conversation = selected;
  pendingLines = [];
  try {
    const { lines } = await api(`/api/desk/handoffs/${enc(conversation)}/lines`);
    if (conversation !== selected) return;
    seen = new Set();
    $("thread").replaceChildren();
    for (const line of [...lines, ...pendingLines]) appendLine(line);
  } catch (error) {
    $("error").textContent = error.message;
  } finally {
    pendingLines = null;
  }
}

async function select(conversation, ticketId = null) {
  selected = conversation;
  selectedItem =
    inbox.find((entry) => entry.conversation === conversation && entry.ticketId === ticketId) ??
    inbox.find((entry) => entry.conversation === conversation);
  conversationView = undefined;
  $("ticket-panel").hidden = true;
  $("revealed").hidden = true;
  $("revealed").replaceChildren();
  const packet = handoffs.get(conversation);
  selectedPacket = packet && (!ticketId || packet.ticket?.id === ticketId) ? packet : undefined;
  unread.delete(conversation);
  $("error").textContent = "";
  $("thread").replaceChildren();
  renderList();
  renderDetail();
  if (selectedPacket) await loadThread();
  await loadConversation().catch((error) => {
    $("error").textContent = error.message;
  });
}

function announce(text) {
  $("announce").textContent = text;
}

function onPacket(packet) {
  const known = handoffs.has(packet.conversation);
  const before =
    handoffs.get(packet.conversation) ?? (packet.conversation === selected ? selectedPacket : undefined);
  if (Boolean(before?.blocked) !== Boolean(packet.blocked)) {
    announce(`${customerName(packet)} ${packet.blocked ? "was blocked" : "was unblocked"}`);
    loadBlocks();
  }
  if (packet.status === "closed" || packet.status === "bot") {
    handoffs.delete(packet.conversation);
    unread.delete(packet.conversation);
    if (known) announce(`${customerName(packet)}: ${statusText(packet).toLowerCase()}`);
  } else {
    handoffs.set(packet.conversation, packet);
    if (!known) announce(`New hand-off from ${customerName(packet)}, ${packet.priority} priority`);
  }
  if (
    packet.conversation === selected &&
    (!selectedItem?.ticketId || packet.ticket?.id === selectedItem.ticketId)
  ) {
    selectedPacket = packet.status === "closed" || packet.status === "bot" ? undefined : packet;
    renderDetail();
  }
  renderList();
  scheduleRefresh();
}

function onLine(conversation, line) {
  if (conversation === selected) {
    if (pendingLines) pendingLines.push(line);
    else appendLine(line);
  } else if (handoffs.has(conversation) && line.from === "customer") {
    unread.set(conversation, (unread.get(conversation) ?? 0) + 1);
    renderList();
  }
  scheduleRefresh();
}

async function refresh() {
  try {
    const data = await api("/api/desk/handoffs");
    handoffs.clear();
    for (const { packet } of data.handoffs) handoffs.set(packet.conversation, packet);
    if (selected && handoffs.has(selected)) selectedPacket = handoffs.get(selected);
    await loadInbox();
    renderDetail();
    await loadBlocks();
    if (selectedPacket) await loadThread();
    if (selectedItem) await loadConversation();
  } catch (error) {
    $("status").textContent = error.message;
  }
}

function connect(attempt = 0) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(
    `${scheme}://${location.host}/api/desk/ws${token ? `?token=${enc(token)}` : ""}`,
  );
  let ready = false;
  socket.addEventListener("message", (event) => {
    const data = JSON.parse(event.data);
    if (data.type === "ready") {
      ready = true;
      $("status").textContent = "Live";
      refresh();
    } else if (data.type === "packet") onPacket(data.packet);
    else if (data.type === "line") onLine(data.conversation, data.line);
  });
  socket.addEventListener("close", () => {
    $("status").textContent = "Reconnecting…";
    const next = ready ? 0 : attempt + 1;
    setTimeout(() => connect(next), Math.min(15_000, 500 * 2 ** next) * (0.75 + Math.random() / 2));
  });
}

function askName() {
  $("agent-name").value = agentName;
  $("agent-dialog").showModal();
}
function renderAgent() {
  $("agent-label").textContent = agentName ? `Signed in as ${agentName}` : "Not signed in";
}

async function act(action, text) {
  if (!selected) return false;
  if (!agentName) {
    askName();
    return false;
  }
  $("error").textContent = "";
  try {
    const data = await api(`/api/desk/handoffs/${enc(selected)}/${action}`, {
      agent: agent(),
      ...(text ? { text } : {}),
    });
    // The WebSocket brings the same change; applying it here keeps the page right if it is down.
    onPacket(data.packet ?? { ...selectedPacket, status: data.status });
    return true;
  } catch (error) {
    $("error").textContent = error.message;
    return false;
  }
}

function signedIn() {
  if (agentName) return true;
  askName();
  return false;
}

async function unblock(channel, userId) {
  if (!signedIn()) return;
  $("error").textContent = "";
  try {
    await api("/api/desk/blocks/unblock", { agent: agent(), channel, userId });
    // The WebSocket brings the packet too; applying it here keeps the page right if it is down.
    for (const packet of [...handoffs.values()]) {
      if (packet.channel === channel && packet.customer.id === userId && packet.blocked) {
        const { blocked: _, ...rest } = packet;
        onPacket(rest);
      }
    }
  } catch (error) {
    $("error").textContent = error.message;
  }
  await loadBlocks();
}

$("block").addEventListener("click", () => {
  if (!selectedPacket || !signedIn()) return;
  $("block-who").textContent = `${customerName(selectedPacket)} on ${selectedPacket.channel}`;
  $("block-reason").value = "";
  $("block-error").textContent = "";
  $("block-dialog").showModal();
  $("block-reason").focus();
});
$("unblock").addEventListener("click", () => {
  if (selectedPacket) unblock(selectedPacket.channel, selectedPacket.customer.id);
});
$("block-cancel").addEventListener("click", () => $("block-dialog").close());
$("block-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const packet = selectedPacket;
  const reason = $("block-reason").value.trim();
  if (!reason) {
    $("block-error").textContent = "Write the reason: it is kept on record.";
    $("block-reason").focus();
    return;
  }
  try {
    const { block } = await api("/api/desk/blocks", {
      agent: agent(),
      channel: packet.channel,
      userId: packet.customer.id,
      conversation: packet.conversation,
      reason,
      duration: $("block-duration").value,
    });
    $("block-dialog").close();
    const blocked = {
      reason: block.reason,
      by: block.blockedBy.name,
      at: block.blockedAt,
      until: block.expiresAt,
    };
    onPacket({ ...(handoffs.get(packet.conversation) ?? packet), blocked });
    $("unblock").focus();
  } catch (error) {
    $("block-error").textContent = error.message;
  }
  await loadBlocks();
});

$("claim").addEventListener("click", () => act("claim"));
for (const status of ["pending_customer", "open", "solved", "closed"])
  $(`st-${status}`).addEventListener("click", () => ticketAction("status", { status }));
$("reveal").addEventListener("click", async () => {
  const ticket = conversationView?.ticket;
  if (!ticket || !signedIn()) return;
  $("error").textContent = "";
  try {
    const data = await api(`/api/desk/tickets/${enc(ticket.id)}/reveal`, { agent: agent() });
    const lines = [
      data.ticket.subject,
      data.ticket.description,
      ...data.messages.map((message) => message.text),
    ];
    $("revealed").replaceChildren(
      el("p", "muted", `Shown to you at ${when(data.reveal.at)}; this is recorded on the ticket.`),
      ...[...new Set(lines)].map((line) => el("p", "", line)),
    );
    $("revealed").hidden = false;
    await loadConversation();
  } catch (error) {
    $("error").textContent = error.message;
  }
});
$("transfer-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const note = $("transfer-note").value.trim();
  await ticketAction("transfer", { team: $("transfer-team").value, ...(note ? { note } : {}) });
  $("transfer-note").value = "";
});
$("filters").addEventListener("submit", (event) => event.preventDefault());
for (const id of ["f-view", "f-owner", "f-team", "f-status", "f-priority", "f-channel"])
  $(id).addEventListener("change", scheduleRefresh);
$("search").addEventListener("input", scheduleRefresh);
$("close").addEventListener("click", () => act("close"));
$("return").addEventListener("click", () => act("return"));
$("change-agent").addEventListener("click", askName);
$("agent-form").addEventListener("submit", () => {
  agentName = $("agent-name").value.trim();
  localStorage.setItem(AGENT_KEY, agentName);
  renderAgent();
  renderList();
  renderDetail();
});
$("reply-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const raw = $("reply").value.trim();
  const prefixed = /^note:/i.test(raw);
  const text = prefixed ? raw.slice(5).trim() : raw;
  if (!text) {
    $("error").textContent = "Write a message first.";
    return;
  }
  if (await act(prefixed || $("internal").checked ? "note" : "reply", text)) {
    $("reply").value = "";
    $("internal").checked = false;
  }
  $("reply").focus();
});
$("reply").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $("reply-form").requestSubmit();
  }
});

renderAgent();
if (!agentName) askName();
// SLA colours move with the clock.
setInterval(scheduleRefresh, 30_000);
connect();
