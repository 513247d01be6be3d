// FAQ gaps on /insights and the KB editor they lead to (GET /api/insights/gaps, /api/insights/kb).
const $ = (id) => document.getElementById(id);
const NAME_KEY = "switchboard.insights.editor";

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}

const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");

/** The gaps panel and the editor, sharing the page's words, token and request helper. */
export function createGaps({ t, token }) {
  const headers = {
    "content-type": "application/json",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  let kb;
  let mode;
  let cluster;

  async function get(path) {
    const response = await fetch(path, { headers });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? response.statusText);
    return body;
  }

  const titleOf = (entry) => Object.values(entry.questions)[0]?.[0] ?? entry.id;

  function errorSlot(field) {
    return element("p", { className: "error", dataset: { errorFor: field } });
  }

  function field(label, control, errorFor) {
    return [
      element("label", { className: "field" }, element("span", {}, label), control),
      errorSlot(errorFor),
    ];
  }

  function entrySelect(chosen) {
    const select = element("select", { id: "kb-entry", name: "entryId" });
    for (const entry of kb.entries) select.append(new Option(`${titleOf(entry)} (${entry.id})`, entry.id));
    if (chosen) select.value = chosen;
    return select;
  }

  function entryFields(entry, readonlyId) {
    const category = element("select", { id: "kb-category", name: "entry.category" });
    for (const c of kb.categories) category.append(new Option(`${c.id} (${c.team})`, c.id));
    category.value = entry.category ?? kb.categories[0]?.id ?? "";
    const id = element("input", {
      id: "kb-id",
      name: "entry.id",
      value: entry.id ?? "",
      readOnly: readonlyId,
    });
    const parts = [
      ...field(t("entryId"), id, "entry.id"),
      ...field(t("category"), category, "entry.category"),
    ];
    for (const locale of kb.locales) {
      const questions = element("textarea", {
        id: `kb-questions-${locale}`,
        name: `entry.questions.${locale}`,
        value: (entry.questions?.[locale] ?? []).join("\n"),
      });
      const answer = element("textarea", {
        id: `kb-answer-${locale}`,
        name: `entry.answer.${locale}`,
        value: entry.answer?.[locale] ?? "",
      });
      parts.push(...field(t("questionsIn", { locale }), questions, `entry.questions.${locale}`));
      parts.push(...field(t("answerIn", { locale }), answer, `entry.answer.${locale}`));
    }
    const links = element("textarea", {
      id: "kb-links",
      name: "entry.links",
      value: (entry.links ?? []).map((link) => `${link.label} | ${link.url}`).join("\n"),
    });
    parts.push(...field(t("linksLabel"), links, "entry.links"));
    return parts;
  }

  function open(nextMode, fromCluster, entry) {
    mode = nextMode;
    cluster = fromCluster;
    clearErrors();
    $("kb-saved").textContent = "";
    $("kb-editor").value = localStorage.getItem(NAME_KEY) ?? "";
    const fields = $("kb-fields");
    if (mode === "add") {
      const checks = element("fieldset", { className: "checks" }, element("legend", {}, t("addQuestions")));
      cluster.questions.forEach((q, index) => {
        const box = element("input", {
          type: "checkbox",
          checked: true,
          value: q.text,
          dataset: { lang: q.language },
        });
        box.id = `kb-add-${index}`;
        checks.append(element("label", {}, box, ` ${q.text} (${q.language})`));
      });
      fields.replaceChildren(
        ...field(t("chooseEntry"), entrySelect(cluster.closest?.entryId), "entryId"),
        checks,
        errorSlot("questions"),
      );
    } else if (mode === "draft") {
      const questions = {};
      for (const q of cluster.questions) questions[q.language] = [...(questions[q.language] ?? []), q.text];
      const first = cluster.questions.find((q) => q.language === "en")?.text ?? "";
      fields.replaceChildren(...entryFields({ id: slug(first), questions, category: undefined }, false));
    } else {
      const select = entrySelect(entry?.id);
      select.addEventListener("change", () =>
        open(
          "edit",
          undefined,
          kb.entries.find((e) => e.id === select.value),
        ),
      );
      const current = entry ?? kb.entries.find((e) => e.id === select.value);
      fields.replaceChildren(...field(t("chooseEntry"), select, "entryId"), ...entryFields(current, true));
    }
    $("editor-panel").hidden = false;
    $("editor-panel").scrollIntoView({ block: "start" });
  }

  function linesOf(name) {
    return (document.querySelector(`[name="${name}"]`)?.value ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
  }

  function entryFromForm() {
    const questions = {};
    const answer = {};
    for (const locale of kb.locales) {
      const asked = linesOf(`entry.questions.${locale}`);
      if (asked.length) questions[locale] = asked;
      const text = document.querySelector(`[name="entry.answer.${locale}"]`)?.value.trim() ?? "";
      if (text) answer[locale] = text;
    }
    const links = linesOf("entry.links").map((line) => {
      const [label = "", url = ""] = line.split("|").map((part) => part.trim());
      return { label, url };
    });
    return {
      id: $("kb-id").value.trim(),
      category: $("kb-category").value,
      questions,
      answer,
      ...(links.length ? { links } : {}),
    };
  }

  function bodyFromForm() {
    const editor = $("kb-editor").value.trim();
    const clusterId = cluster?.id;
    if (mode === "add") {
      const questions = {};
      for (const box of document.querySelectorAll(".checks input:checked")) {
        questions[box.dataset.lang] = [...(questions[box.dataset.lang] ?? []), box.value];
      }
      return {
        kind: "add-questions",
        editor,
        entryId: $("kb-entry").value,
        questions,
        ...(clusterId ? { clusterId } : {}),
      };
    }
    return {
      kind: mode === "draft" ? "create-entry" : "update-entry",
      editor,
      entry: entryFromForm(),
      ...(clusterId ? { clusterId } : {}),
    };
  }

  function clearErrors() {
    for (const slot of document.querySelectorAll("#kb-form [data-error-for]")) slot.textContent = "";
    for (const control of document.querySelectorAll("#kb-form [aria-invalid]"))
      control.removeAttribute("aria-invalid");
  }

  /** Shows each error under the field it names (or its nearest enclosing field), the rest on top. */
  function showErrors(errors) {
    clearErrors();
    const slots = [...document.querySelectorAll("#kb-form [data-error-for]")];
    for (const error of errors) {
      const slot =
        slots
          .filter(
            (s) => error.field === s.dataset.errorFor || error.field.startsWith(`${s.dataset.errorFor}.`),
          )
          .sort((a, b) => b.dataset.errorFor.length - a.dataset.errorFor.length)[0] ??
        slots.find((s) => s.dataset.errorFor === "(form)");
      slot.textContent = slot.textContent ? `${slot.textContent} ${error.message}` : error.message;
      document.querySelector(`[name="${slot.dataset.errorFor}"]`)?.setAttribute("aria-invalid", "true");
    }
  }

  async function save(event) {
    event.preventDefault();
    const body = bodyFromForm();
    if (body.editor) localStorage.setItem(NAME_KEY, body.editor);
    const response = await fetch("/api/insights/kb", { method: "POST", headers, body: JSON.stringify(body) });
    const result = await response.json();
    if (!result.ok) {
      showErrors(result.errors ?? [{ field: "(form)", message: response.statusText }]);
      $("kb-saved").textContent = t("fixErrors");
      return;
    }
    clearErrors();
    $("kb-fields").replaceChildren();
    $("kb-saved").textContent = t("saved", { entry: result.entryId });
    await refresh();
  }

  function renderClusters(clusters) {
    const list = $("gaps");
    if (clusters.length === 0) {
      list.replaceChildren(element("li", { className: "muted" }, t("noGaps")));
      return;
    }
    list.replaceChildren(
      ...clusters.map((c) => {
        const clarified =
          c.questions.length && c.clarified ? ` · ${t("clarified", { count: c.clarified })}` : "";
        const add = element("button", { type: "button", textContent: t("addToEntry") });
        add.addEventListener("click", () => open("add", c));
        const draft = element("button", { type: "button", textContent: t("draftEntry") });
        draft.addEventListener("click", () => open("draft", c));
        return element(
          "li",
          { dataset: { cluster: c.id } },
          element("strong", {}, c.questions[0]?.text ?? ""),
          element(
            "div",
            { className: "meta" },
            `${t("gapCount", { count: c.count })} · ${t("gapLanguages")}: ${c.languages.join(", ")}${clarified}`,
          ),
          element(
            "ul",
            { className: "examples" },
            ...c.questions.slice(0, 4).map((q) => element("li", {}, `${q.text} (${q.language}, ${q.count})`)),
          ),
          c.closest
            ? element(
                "div",
                { className: "meta" },
                `${t("gapClosest")}: ${c.closest.title} (${c.closest.entryId})`,
              )
            : undefined,
          element("div", {}, add, draft),
        );
      }),
    );
  }

  async function renderChanges() {
    const changes = await get("/api/insights/kb/changes");
    $("kb-changes").replaceChildren(
      ...changes.slice(0, 10).map((change) =>
        element(
          "li",
          {},
          t("changeLine", {
            when: new Date(change.at).toLocaleString(),
            editor: change.editor,
            kind: change.kind,
            entry: change.entryId,
          }),
        ),
      ),
    );
  }

  let lastQuery = "";
  async function refresh(query = lastQuery) {
    lastQuery = query;
    kb = await get("/api/insights/kb");
    renderClusters(await get(`/api/insights/gaps?${query}`));
    $("gaps-panel").hidden = false;
    $("edit-entry").hidden = !kb.editable;
    if (kb.editable) await renderChanges();
  }

  $("kb-form").addEventListener("submit", save);
  $("kb-cancel").addEventListener("click", () => {
    $("editor-panel").hidden = true;
  });
  $("edit-entry").addEventListener("click", () => open("edit"));
  return { refresh };
}
