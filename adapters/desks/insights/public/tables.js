// The page's tables: each is { header, rows }; the HTML table and its CSV come from the same rows.

export function renderTable(element, table, t) {
  const head = document.createElement("tr");
  for (const name of table.header) {
    const th = document.createElement("th");
    th.textContent = name;
    head.append(th);
  }
  const rows = table.rows.map((row) => {
    const tr = document.createElement("tr");
    for (const cell of row) {
      const td = document.createElement("td");
      td.textContent = cell === null ? t("none") : String(cell);
      if (typeof cell === "number") td.className = "num";
      tr.append(td);
    }
    return tr;
  });
  if (rows.length === 0) {
    const tr = document.createElement("tr");
    const td = document.createElement("td");
    td.colSpan = table.header.length;
    td.textContent = t("noData");
    tr.append(td);
    rows.push(tr);
  }
  element.replaceChildren(document.createElement("thead"), document.createElement("tbody"));
  element.tHead.append(head);
  element.tBodies[0].append(...rows);
}

function csvCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function downloadCsv(name, table) {
  if (!table) return;
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(","));
  const blob = new Blob([`${lines.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `insights-${name}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
