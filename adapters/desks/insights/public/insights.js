// Switchboard /insights: renders GET /api/insights (the same numbers as `npm run report -- --json`).
/* global uPlot */
import { createGaps } from "./gaps.js";
import { downloadCsv, renderTable } from "./tables.js";

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "switchboard.desk.token";
const params = new URLSearchParams(location.search);
if (params.get("token")) localStorage.setItem(TOKEN_KEY, params.get("token"));
const token = params.get("token") ?? localStorage.getItem(TOKEN_KEY) ?? "";
const lang = params.get("lang") ?? (navigator.language.toLowerCase().startsWith("ko") ? "ko" : "en");
const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];

let words = {};
const t = (key, values = {}) =>
  (words[key] ?? key).replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));

/** Every table the page shows, as header + rows: the HTML table and its CSV come from the same. */
const tables = {};
const charts = [];
let report;

const pct = (value) => (value === null ? t("none") : `${Math.round(value * 100)} %`);
const hours = (value) => (value === null ? t("none") : t("hours", { value }));

async function api(path) {
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? response.statusText);
  return body;
}

function translateStatic() {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const element of document.querySelectorAll("[data-t]")) element.textContent = t(element.dataset.t);
  for (const link of document.querySelectorAll("[data-lang]")) {
    const next = new URLSearchParams(location.search);
    next.set("lang", link.dataset.lang);
    next.delete("token");
    link.href = `?${next}`;
  }
}

function queryString() {
  const form = new FormData($("filters"));
  const query = new URLSearchParams();
  for (const [key, value] of form) {
    if (value === "") continue;
    if ((key === "from" || key === "to") && form.get("period") !== "custom") continue;
    query.set(key, String(value));
  }
  return query.toString();
}

function fillSelect(select, values) {
  const chosen = select.value;
  select.replaceChildren(new Option(t("all"), ""), ...values.map((value) => new Option(value, value)));
  select.value = values.includes(chosen) ? chosen : "";
}

function card(metric, label, value, shown, subs = []) {
  const wrap = document.createElement("div");
  wrap.className = "card";
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  const main = document.createElement("span");
  main.dataset.metric = metric;
  main.dataset.value = value === null ? "" : String(value);
  main.textContent = shown;
  dd.append(main);
  for (const sub of subs) {
    const span = document.createElement("span");
    span.className = "sub";
    if (sub.metric) {
      span.dataset.metric = sub.metric;
      span.dataset.value = sub.value === null ? "" : String(sub.value);
    }
    span.textContent = sub.text;
    dd.append(span);
  }
  wrap.append(dt, dd);
  return wrap;
}

function renderHeadline(h) {
  const frt = h.firstResponseHours;
  const res = h.resolutionHours;
  const spreadSub = (prefix, spread, target) => [
    { metric: `${prefix}.p90`, value: spread.p90, text: `p90 ${hours(spread.p90)}` },
    { metric: `${prefix}.target`, value: target, text: t("target", { hours: target }) },
  ];
  $("headline").replaceChildren(
    card("conversations", t("conversations"), h.conversations, String(h.conversations)),
    card("deflectionRate", t("deflection"), h.deflectionRate, pct(h.deflectionRate), [
      { metric: "resolvedByBot", value: h.resolvedByBot, text: String(h.resolvedByBot) },
    ]),
    card("escalated", t("escalated"), h.escalated, String(h.escalated)),
    card("ticketsOpened", t("tickets"), h.ticketsOpened, String(h.ticketsOpened), [
      { metric: "ticketsSolved", value: h.ticketsSolved, text: `${t("solved")} ${h.ticketsSolved}` },
    ]),
    card(
      "firstResponse.median",
      t("firstResponse"),
      frt.median,
      hours(frt.median),
      spreadSub("firstResponse", frt, h.targets.firstResponseHours),
    ),
    card(
      "resolution.median",
      t("resolution"),
      res.median,
      hours(res.median),
      spreadSub("resolution", res, h.targets.resolutionHours),
    ),
    card("slaMetRate", t("slaMet"), h.slaMetRate, pct(h.slaMetRate)),
    card("csatBot", t("csatBot"), h.csat.bot.satisfiedRate, pct(h.csat.bot.satisfiedRate), [
      {
        metric: "csatBot.responses",
        value: h.csat.bot.responses,
        text: t("responses", { count: h.csat.bot.responses }),
      },
    ]),
    card(
      "csatHuman",
      t("csatHuman"),
      h.csat.human.average,
      h.csat.human.average === null ? t("none") : `${h.csat.human.average} / 5`,
      [
        {
          metric: "csatHuman.satisfiedRate",
          value: h.csat.human.satisfiedRate,
          text: t("satisfied", { rate: pct(h.csat.human.satisfiedRate) }),
        },
        {
          metric: "csatHuman.responses",
          value: h.csat.human.responses,
          text: t("responses", { count: h.csat.human.responses }),
        },
      ],
    ),
  );
  tables.headline = {
    header: [t("metric"), t("value")],
    rows: [
      ["conversations", h.conversations],
      ["resolvedByBot", h.resolvedByBot],
      ["deflectionRate", h.deflectionRate],
      ["escalated", h.escalated],
      ["ticketsOpened", h.ticketsOpened],
      ["ticketsSolved", h.ticketsSolved],
      ["firstResponseHours.median", frt.median],
      ["firstResponseHours.p90", frt.p90],
      ["resolutionHours.median", res.median],
      ["resolutionHours.p90", res.p90],
      ["slaMetRate", h.slaMetRate],
      ["csat.bot.satisfiedRate", h.csat.bot.satisfiedRate],
      ["csat.human.average", h.csat.human.average],
    ],
  };
}

const dayToSeconds = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;

function lineChart(containerId, days, series) {
  const container = $(containerId);
  container.replaceChildren();
  const width = Math.max(260, container.clientWidth);
  const options = {
    width,
    height: 220,
    scales: { x: { time: true } },
    series: [
      {},
      ...series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2 })),
    ],
    axes: [{}, { size: 40 }],
    legend: { show: true, live: false },
  };
  const data = [days.map(dayToSeconds), ...series.map((s) => s.values)];
  charts.push(new uPlot(options, data, container));
}

function renderMix(key, mix, chartId) {
  lineChart(
    chartId,
    mix.days.map((d) => d.day),
    mix.series.map((name, i) => ({ label: name, values: mix.days.map((d) => d.counts[i] ?? 0) })),
  );
  tables[key] = { header: [t("day"), ...mix.series], rows: mix.days.map((d) => [d.day, ...d.counts]) };
}

function renderHeat(grid) {
  const weekdays = t("weekdays").split(",");
  const max = Math.max(1, ...grid.flat());
  const table = $("busiest");
  const head = document.createElement("tr");
  head.append(document.createElement("th"));
  for (let hour = 0; hour < 24; hour++) {
    const th = document.createElement("th");
    th.textContent = String(hour);
    head.append(th);
  }
  const rows = grid.map((counts, weekday) => {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.textContent = weekdays[weekday];
    tr.append(th);
    for (const count of counts) {
      const td = document.createElement("td");
      td.textContent = count ? String(count) : "";
      td.title = String(count);
      td.style.background = `rgba(37, 99, 235, ${(count / max).toFixed(2)})`;
      if (count / max > 0.55) td.style.color = "#fff";
      tr.append(td);
    }
    return tr;
  });
  table.replaceChildren(document.createElement("thead"), document.createElement("tbody"));
  table.tHead.append(head);
  table.tBodies[0].append(...rows);
  tables.busiest = {
    header: [t("weekday"), ...Array.from({ length: 24 }, (_, hour) => String(hour))],
    rows: grid.map((counts, weekday) => [weekdays[weekday], ...counts]),
  };
}

function render(data) {
  report = data;
  for (const chart of charts.splice(0)) chart.destroy();
  // Shown first: a hidden container has no width for the charts to fill.
  $("report").hidden = false;
  fillSelect($("channel"), data.choices.channels);
  fillSelect($("team"), data.choices.teams);
  fillSelect($("language"), data.choices.languages);
  renderHeadline(data.headline);
  lineChart(
    "volume-chart",
    data.volume.map((v) => v.day),
    [
      { label: t("conversations"), values: data.volume.map((v) => v.conversations) },
      { label: t("tickets"), values: data.volume.map((v) => v.tickets) },
    ],
  );
  tables.volume = {
    header: [t("day"), t("conversations"), t("tickets")],
    rows: data.volume.map((v) => [v.day, v.conversations, v.tickets]),
  };
  renderMix("intents", data.intentMix, "intent-chart");
  renderMix("sentiment", data.sentimentMix, "sentiment-chart");
  $("busiest-title").textContent = t("busiest", { zone: data.timeZone });
  renderHeat(data.busiestHours);
  tables.reasons = {
    header: [t("reason"), t("count")],
    rows: data.escalationReasons.map((r) => [r.reason, r.count]),
  };
  renderTable($("reasons"), tables.reasons, t);
  tables.entries = {
    header: [t("entry"), t("answers"), t("helpful"), t("notHelpful")],
    rows: data.topEntries.map((e) => [e.entryId, e.answers, e.helpful, e.notHelpful]),
  };
  renderTable($("entries"), tables.entries, t);
}

async function load() {
  $("status").textContent = t("loading");
  document.body.dataset.state = "loading";
  try {
    render(await api(`/api/insights?${queryString()}`));
    await gaps.refresh(queryString());
    $("status").textContent = "";
    document.body.dataset.state = "ready";
  } catch (error) {
    $("status").textContent = t("failed", { error: error.message });
    document.body.dataset.state = "failed";
  }
}

function showCustom() {
  const custom = $("period").value === "custom";
  for (const label of document.querySelectorAll(".custom")) label.hidden = !custom;
}

let gaps;

async function start() {
  const all = await fetch("/insights/messages.json").then((r) => r.json());
  words = all[lang] ?? all.en;
  gaps = createGaps({ t, token });
  translateStatic();
  showCustom();
  $("period").addEventListener("change", showCustom);
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  for (const button of document.querySelectorAll(".csv")) {
    button.addEventListener("click", () => downloadCsv(button.dataset.table, tables[button.dataset.table]));
  }
  let resizeTimer;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => report && render(report), 200);
  });
  await load();
}

start();
