// stackwright planner: the spec editor and the live panels. Everything is computed by the local server's
// JSON API; this script only edits text, sends it, and draws the answers. No external resources.
"use strict";

const CONFIG = JSON.parse(document.getElementById("config").textContent);
const T = CONFIG.messages;
const DEBOUNCE_MS = 60;
const LINE_HEIGHT = 20;
const BLANK_SPEC = `name: my-service
region: us-east-1
availability_target: 99.9
budget_monthly_usd: 300
traffic: {dau: 5000, peak_concurrent_users: 500}
components:
  api: {kind: fargate_service, cpu: 0.5, memory_gb: 1}
  db: {kind: rds, engine: postgresql}
  lb: {kind: alb}
`;

const $ = (id) => document.getElementById(id);
const editor = $("spec");
const state = { seq: 0, changedAt: 0, valid: null, errors: [], findings: [], schema: null, values: null };

function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function fmt(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, k) => values[k]);
}
const money = new Intl.NumberFormat(CONFIG.lang === "ko" ? "ko-KR" : "en-US", { style: "currency", currency: "USD" });
const usd = (v) => money.format(v);
const title = (t) => CONFIG.titles[t] || t;

// ------------------------------------------------------------------------------------------ highlighting

function highlightLine(line) {
  let code = line, comment = "";
  const hash = line.search(/(^|\s)#/);
  if (hash >= 0 && !/['"]/.test(line.slice(0, hash))) {
    code = line.slice(0, hash);
    comment = line.slice(hash);
  }
  let html = esc(code)
    .replace(/^(\s*(?:-\s+)?)([\w.\-]+)(:)(?=\s|$)/, '$1<span class="tok-key">$2</span>$3')
    .replace(/([{,]\s*)([\w.\-]+)(:)(?=\s)/g, '$1<span class="tok-key">$2</span>$3')
    .replace(/[{[]/.test(code) ? /(:\s+|[\[,]\s*)(-?\d[\d_.]*)(?=\s*[,}\]]|\s*$)/g : /(:\s+)(-?\d[\d_.]*)(?=\s*$)/g,
      '$1<span class="tok-number">$2</span>')
    .replace(/(:\s+)(true|false|auto|null)(?=\s*[,}]|\s*$)/g, '$1<span class="tok-bool">$2</span>');
  if (comment) html += `<span class="tok-comment">${esc(comment)}</span>`;
  return html;
}

function markColumn(line, column) {
  // Underline the token that starts at `column` (1-based) in an otherwise plain line.
  const start = Math.max(0, column - 1);
  const rest = line.slice(start);
  const length = Math.max(1, (rest.match(/^[^\s,{}\[\]#]+/) || [" "])[0].length);
  return esc(line.slice(0, start)) + `<span class="mark-error">${esc(line.slice(start, start + length) || " ")}</span>` +
    esc(line.slice(start + length));
}

function renderEditor() {
  const lines = editor.value.split("\n");
  const errorsAt = new Map(state.errors.filter((e) => e.line).map((e) => [e.line, e]));
  const warningsAt = new Set(state.findings.map((f) => f.line));
  $("highlight").innerHTML = lines.map((line, i) => {
    const n = i + 1, error = errorsAt.get(n);
    if (error) return `<span class="line-error" data-line="${n}">${markColumn(line, error.column)}</span>`;
    const cls = warningsAt.has(n) ? ' class="line-warning"' : "";
    return `<span${cls} data-line="${n}">${highlightLine(line)}</span>`;
  }).join("\n") + "\n";
  $("gutter").innerHTML = lines.map((_, i) => {
    const n = i + 1;
    const cls = errorsAt.has(n) ? "error" : warningsAt.has(n) ? "warning" : "";
    return `<div class="${cls}" data-line="${n}">${n}</div>`;
  }).join("");
  syncScroll();
}

function syncScroll() {
  $("highlight").scrollTop = editor.scrollTop;
  $("highlight").scrollLeft = editor.scrollLeft;
  $("gutter").scrollTop = editor.scrollTop;
}

function goTo(line, column) {
  const lines = editor.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  editor.focus();
  editor.setSelectionRange(offset + column - 1, offset + column - 1);
  editor.scrollTop = Math.max(0, (line - 5) * LINE_HEIGHT);
  syncScroll();
}

// ------------------------------------------------------------------------------------------ completion

function deref(schema) {
  while (schema && schema.$ref) schema = state.schema.$defs[schema.$ref.split("/").pop()];
  return schema;
}
function branches(schema) {
  schema = deref(schema);
  if (!schema) return [];
  const alternatives = schema.anyOf || schema.oneOf;
  return alternatives ? alternatives.flatMap(branches) : [schema];
}
function child(schema, key, siblings) {
  for (const branch of branches(schema)) {
    if (branch.properties && branch.properties[key]) return branch.properties[key];
    if (branch.additionalProperties && typeof branch.additionalProperties === "object") {
      return branch.additionalProperties;
    }
  }
  return null;
}
function mappingBranch(schema, siblings) {
  // The object branch the mapping is in; components pick theirs by `kind`.
  const objects = branches(schema).filter((b) => b.properties);
  if (objects.length > 1 && siblings.kind) {
    return objects.find((b) => b.properties.kind && b.properties.kind.const === siblings.kind) || null;
  }
  return objects.length === 1 ? objects[0] : null;
}
function schemaAt(path) {
  let schema = state.schema;
  for (const key of path) {
    schema = child(schema, key);
    if (!schema) return null;
  }
  return schema;
}

function splitFlow(text) {
  // Top-level comma-separated parts of a flow mapping's inside.
  const parts = [];
  let depth = 0, start = 0;
  for (let i = 0; i < text.length; i++) {
    if ("{[".includes(text[i])) depth++;
    else if ("}]".includes(text[i])) depth--;
    else if (text[i] === "," && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
  }
  parts.push(text.slice(start));
  return parts;
}
function pairs(parts) {
  const found = {};
  for (const part of parts) {
    const m = part.match(/^\s*([\w.\-]+)\s*:\s*([^{}\[\],]*)/);
    if (m) found[m[1]] = m[2].trim();
  }
  return found;
}

function context() {
  // Where the caret is: the path of the enclosing mapping, the keys beside it, and the word being typed.
  const caret = editor.selectionStart;
  const before = editor.value.slice(0, caret);
  const lines = editor.value.split("\n");
  const lineIndex = before.split("\n").length - 1;
  const head = lines[lineIndex].slice(0, caret - before.lastIndexOf("\n") - 1);
  const indent = head.match(/^\s*/)[0].length;
  const path = [];
  let level = indent;
  for (let i = lineIndex - 1; i >= 0 && level > 0; i--) {
    const m = lines[i].match(/^(\s*)([\w.\-]+):\s*(#.*)?$/);
    if (m && m[1].length < level) { path.unshift(m[2]); level = m[1].length; }
  }
  // Keys of the block mapping the line is in.
  let siblings = {};
  const sameLevel = (i) => { const m = lines[i].match(/^(\s*)([\w.\-]+):\s*(.*)$/); return m && m[1].length === indent ? m : null; };
  for (let i = lineIndex - 1; i >= 0; i--) {
    const own = lines[i].match(/^(\s*)/)[0].length;
    if (lines[i].trim() && own < indent) break;
    const m = sameLevel(i); if (m) siblings[m[2]] = m[3].replace(/\s+#.*$/, "").trim();
  }
  for (let i = lineIndex + 1; i < lines.length; i++) {
    const own = lines[i].match(/^(\s*)/)[0].length;
    if (lines[i].trim() && own < indent) break;
    const m = sameLevel(i); if (m) siblings[m[2]] = m[3].replace(/\s+#.*$/, "").trim();
  }
  // Inside flow mappings on this line, the innermost open `{` decides.
  let text = head.slice(indent);
  const lineKey = text.match(/^(?:-\s+)?([\w.\-]+):\s*(.*)$/);
  if (lineKey && lineKey[2].includes("{")) {
    path.push(lineKey[1]);
    text = lineKey[2];
    for (;;) {
      const open = text.indexOf("{");
      if (open < 0) break;
      let depth = 0, close = -1;
      for (let i = open; i < text.length; i++) {
        if (text[i] === "{") depth++;
        else if (text[i] === "}" && --depth === 0) { close = i; break; }
      }
      if (close >= 0) { text = text.slice(close + 1); continue; }
      const parts = splitFlow(text.slice(open + 1));
      const last = parts.pop();
      siblings = pairs(parts);
      const inner = last.match(/^\s*([\w.\-]+):\s*(.*)$/);
      if (inner && inner[2].includes("{")) { path.push(inner[1]); text = inner[2]; continue; }
      text = last;
      break;
    }
  }
  const valueMatch = text.match(/^\s*(?:-\s+)?([\w.\-]+):\s+([^,{}\[\]\s]*)$/);
  if (valueMatch) return { path, siblings, key: valueMatch[1], word: valueMatch[2], value: true };
  const keyMatch = text.match(/([\w.\-]*)$/);
  return { path, siblings, word: keyMatch ? keyMatch[1] : "", value: false };
}

function suggestions() {
  if (!state.schema) return [];
  const ctx = context();
  const mapping = mappingBranch(schemaAt(ctx.path), ctx.siblings);
  if (!ctx.value) {
    if (!mapping) return [];
    return Object.entries(mapping.properties)
      .filter(([key]) => !(key in ctx.siblings) && key.startsWith(ctx.word))
      .map(([key, s]) => ({ label: key, insert: key + ": ", detail: deref(s).description || s.description || "", word: ctx.word }));
  }
  const field = mapping && mapping.properties[ctx.key];
  const values = new Set();
  for (const branch of field ? branches(field) : []) {
    if (branch.enum) branch.enum.forEach((v) => values.add(String(v)));
    if (branch.const !== undefined) values.add(String(branch.const));
    if (branch.type === "boolean") { values.add("true"); values.add("false"); }
  }
  if (ctx.key === "region") CONFIG.regions.forEach((r) => values.add(r));
  return [...values].filter((v) => v.startsWith(ctx.word) && v !== ctx.word)
    .map((v) => ({ label: v, insert: v, detail: "", word: ctx.word }));
}

const completion = { items: [], index: 0 };

function caretPoint() {
  const before = editor.value.slice(0, editor.selectionStart);
  const line = before.split("\n").length - 1;
  const column = before.length - before.lastIndexOf("\n") - 1;
  const charWidth = measureChar();
  return { top: 6 + (line + 1) * LINE_HEIGHT - editor.scrollTop, left: 8 + column * charWidth - editor.scrollLeft };
}
let charWidthCache = 0;
function measureChar() {
  if (!charWidthCache) {
    const probe = document.createElement("span");
    probe.textContent = "x".repeat(100);
    $("highlight").appendChild(probe);
    charWidthCache = probe.getBoundingClientRect().width / 100 || 7.8;
    probe.remove();
  }
  return charWidthCache;
}

function openCompletion(automatic) {
  const items = suggestions();
  if (!items.length || (automatic && items.length === 1 && items[0].label === items[0].word)) return closeCompletion();
  completion.items = items;
  completion.index = 0;
  const list = $("completion");
  list.innerHTML = items.map((item, i) =>
    `<li role="option" data-index="${i}" aria-selected="${i === 0}">${esc(item.label)}${item.detail ? `<small>${esc(item.detail)}</small>` : ""}</li>`).join("");
  const point = caretPoint();
  list.style.top = point.top + "px";
  list.style.left = point.left + "px";
  list.hidden = false;
}
function closeCompletion() {
  $("completion").hidden = true;
  completion.items = [];
}
function moveCompletion(step) {
  const list = $("completion");
  completion.index = (completion.index + step + completion.items.length) % completion.items.length;
  [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === completion.index)));
  list.children[completion.index].scrollIntoView({ block: "nearest" });
}
function acceptCompletion(index = completion.index) {
  const item = completion.items[index];
  if (!item) return;
  const caret = editor.selectionStart;
  editor.setRangeText(item.insert, caret - item.word.length, caret, "end");
  closeCompletion();
  changed();
}

editor.addEventListener("keydown", (event) => {
  const open = !$("completion").hidden;
  if (event.key === " " && (event.ctrlKey || event.metaKey)) { event.preventDefault(); openCompletion(false); return; }
  if (open && event.key === "ArrowDown") { event.preventDefault(); moveCompletion(1); }
  else if (open && event.key === "ArrowUp") { event.preventDefault(); moveCompletion(-1); }
  else if (open && (event.key === "Enter" || event.key === "Tab")) { event.preventDefault(); acceptCompletion(); }
  else if (open && event.key === "Escape") { event.preventDefault(); closeCompletion(); }
  else if (event.key === "Tab") { event.preventDefault(); editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end"); changed(); }
});
$("completion").addEventListener("mousedown", (event) => {
  const li = event.target.closest("li");
  if (li) { event.preventDefault(); acceptCompletion(Number(li.dataset.index)); }
});
editor.addEventListener("input", (event) => {
  changed();
  if (event.inputType === "insertText" && /[\w:\s]/.test(event.data || "")) openCompletion(true);
  else closeCompletion();
});
editor.addEventListener("scroll", () => { syncScroll(); closeCompletion(); });
editor.addEventListener("blur", () => setTimeout(closeCompletion, 150));

// ------------------------------------------------------------------------------------------ evaluation

let timer = 0;
function changed() {
  state.changedAt = performance.now();
  renderEditor();
  clearTimeout(timer);
  timer = setTimeout(evaluate, DEBOUNCE_MS);
}

async function post(path, body, type = "application/yaml") {
  return fetch(path, { method: "POST", body, headers: { "content-type": type } });
}

// One request in flight per panel: an edit made meanwhile waits and only the newest text is sent, so quick
// typing never queues stale work on the server (aborting a fetch would not stop the server's evaluation).
// `lane` returns a promise that settles when the panel's lane is idle again.
const lanes = new Map();

function lane(path, draw, kind, seq, text) {
  let current = lanes.get(path);
  if (!current) {
    current = { busy: false, next: null, idle: Promise.resolve(), done: null };
    lanes.set(path, current);
  }
  if (current.busy) { current.next = { seq, text }; return current.idle; }
  current.busy = true;
  current.idle = new Promise((resolve) => { current.done = resolve; });
  send(current, path, draw, kind, seq, text);
  return current.idle;
}

async function send(current, path, draw, kind, seq, text) {
  try {
    const response = await post(path, text);
    if (response.status === 422) {
      const body = await response.json();
      if (seq === state.seq && path.startsWith("/api/cost")) showErrors(body.errors);
    } else if (response.ok) {
      const body = kind === "json" ? await response.json() : await response.text();
      if (seq === state.seq) draw(body);
    } else if (seq === state.seq) {  // stopped at its time limit, or a server fault: say so, keep the panel
      const body = await response.json().catch(() => ({ errors: [{ message: response.statusText }] }));
      $("notice").hidden = false;
      $("notice").textContent = body.errors.map((e) => e.message).join("\n");
    }
  } catch (error) {
    console.warn(path, error);
  } finally {
    const next = current.next;
    current.next = null;
    if (next) send(current, path, draw, kind, next.seq, next.text);
    else { current.busy = false; current.done(); }
  }
}

// The quick panels, in about the order they answer. The optimiser's search takes longer than all of them
// together; it is asked at the same time, in its own worker on the server, so on a machine of two cores or
// more it runs beside them (they answer well inside 200 ms either way; asking it after them made the search
// wait for the slowest of them). Meanwhile its panel shows the last result, dimmed, and says it is still
// computing.
const PANELS = [
  ["/api/cost?allow_missing=1", (bill) => {
    showErrors([]);
    drawBill(bill);
    $("timing").textContent = fmt(T.updated, { ms: Math.round(performance.now() - state.changedAt) });
  }],
  ["/api/check", (result) => drawFindings(result)],
  ["/api/values", (values) => { state.values = values; if (!$("form-pane").hidden) drawForm(); }],
  ["/api/roadmap", (result) => drawRoadmap(result)],
  ["/api/diagram", (svg) => drawDiagram(svg), "text"],
];
const OPTIMISER = "/api/optimize";

function optimiserComputing(computing) {
  $("optimise-status").hidden = !computing;
  $("optimise-panel").classList.toggle("computing", computing);
}

function evaluate() {
  const seq = ++state.seq;
  const text = editor.value;
  optimiserComputing(true);
  PANELS.forEach(([path, draw, kind = "json"]) => lane(path, draw, kind, seq, text));
  lane(OPTIMISER, (result) => drawOptimiser(result), "json", seq, text).then(() => {
    if (seq === state.seq) optimiserComputing(false);
  });
}

function showErrors(errors) {
  state.errors = errors;
  state.valid = errors.length === 0;
  if (errors.length) state.findings = [];
  $("errors").innerHTML = errors.map((e) => e.line
    ? `<li data-line="${e.line}" data-column="${e.column}">${T.line} ${e.line}, ${T.column} ${e.column}: ${esc(e.message)}</li>`
    : `<li>${esc(e.message)}</li>`).join("");
  document.querySelectorAll("#right article").forEach((a) => a.classList.toggle("stale", errors.length > 0));
  $("notice").hidden = !errors.length;
  $("notice").textContent = errors.length ? T.invalid : "";
  renderEditor();
}
$("errors").addEventListener("click", (event) => {
  const li = event.target.closest("li[data-line]");
  if (li) goTo(Number(li.dataset.line), Number(li.dataset.column));
});

function drawBill(bill) {
  $("total").textContent = usd(bill.total_monthly_usd);
  const budget = bill.budget;
  if (budget) {
    const over = budget.difference_usd > 0;
    const share = Math.min(100, (100 * bill.total_monthly_usd) / Math.max(budget.monthly_usd, bill.total_monthly_usd || 1));
    $("budget").innerHTML = `${T.budget} ${usd(budget.monthly_usd)} — ${over ? T.over : T.under} ` +
      `<strong>${usd(Math.abs(budget.difference_usd))}</strong>` +
      `<div class="budget-bar${over ? " over" : ""}"><span style="width:${share.toFixed(1)}%"></span></div>`;
  } else {
    $("budget").textContent = T.no_budget;
  }
  const byService = new Map();
  for (const item of bill.items) byService.set(item.service, (byService.get(item.service) || 0) + item.monthly_usd);
  const rows = [...byService].sort((a, b) => b[1] - a[1]);
  const top = rows.length ? rows[0][1] : 1;
  $("by-service").innerHTML = `<tr><th>${T.service}</th><th class="num">${T.monthly}</th><th>${T.share}</th></tr>` +
    rows.map(([service, usdValue]) => `<tr data-service="${esc(service)}"><td>${esc(service)}</td><td class="num">${usd(usdValue)}</td>` +
      `<td><span class="share-bar" style="width:${(100 * usdValue / top).toFixed(0)}px"></span> ` +
      `${bill.total_monthly_usd ? ((100 * usdValue) / bill.total_monthly_usd).toFixed(1) : "0.0"}%</td></tr>`).join("");
  $("items").innerHTML = `<tr><th>${T.resource}</th><th>${T.item}</th><th class="num">${T.quantity}</th><th class="num">${T.monthly}</th></tr>` +
    bill.items.map((item) => `<tr><td>${esc(item.resource)}</td><td title="${esc(item.assumption || "")}">${esc(item.component)}` +
      `${item.estimate ? ' <span class="badge">estimate</span>' : ""}</td>` +
      `<td class="num">${item.quantity.toLocaleString()} ${esc(item.unit)}</td><td class="num">${usd(item.monthly_usd)}</td></tr>`).join("");
  $("unpriced").innerHTML = bill.unknown && bill.unknown.length
    ? `<h3>${T.not_priced}</h3><ul>${bill.unknown.map((u) => `<li>${esc(typeof u === "string" ? u : JSON.stringify(u))}</li>`).join("")}</ul>` : "";
}

function drawFindings(result) {
  state.findings = result.findings;
  $("findings").innerHTML = result.findings.length ? result.findings.map((f) =>
    `<li data-rule="${esc(f.rule)}" data-line="${f.line}"><span class="sev sev-${f.severity}">${esc(f.severity)}</span> ` +
    `<strong>${esc(f.rule)}</strong> ${esc(title(f.title))} <small>(${T.line} ${f.line})</small><br>${esc(f.message)}` +
    `<br><span class="fix">${esc(f.fix)}</span></li>`).join("") : `<li>${T.no_findings}</li>`;
  renderEditor();
}

function drawOptimiser(result) {
  $("optimise-summary").innerHTML = `${T.baseline} <strong>${usd(result.baseline_monthly_usd)}</strong> → ${T.optimised} ` +
    `<strong id="optimised-total">${usd(result.optimized_monthly_usd)}</strong> (−${result.saving_percent}%)`;
  $("steps").innerHTML = result.steps.length
    ? `<tr><th>#</th><th>${T.step}</th><th class="num">${T.saving}</th><th class="num">${T.running_total}</th><th></th></tr>` +
      result.steps.map((s, i) => `<tr><td>${i + 1}</td><td><strong>${esc(s.id)}</strong> ${esc(title(s.title))}` +
        `${s.new ? ` <span class="badge">${T.new}</span>` : ""}<br><small>${esc(s.summary)}</small></td>` +
        `<td class="num">−${usd(s.monthly_saving_usd)}</td><td class="num">${usd(s.running_total_usd)}</td>` +
        `<td><button type="button" class="apply" data-step="${i + 1}">${i === 0 ? T.apply : fmt(T.apply_up_to, { n: i + 1 })}</button></td></tr>`).join("")
    : `<tr><td>${T.no_steps}</td></tr>`;
  // The Pareto front (`pareto_front`, as `stackwright optimize --format json` writes it): one row per point,
  // the chosen one marked.
  const front = result.pareto_front || [];
  $("pareto").innerHTML = front.length
    ? `<h3>${T.pareto}</h3><table><tr><th class="num">${T.monthly}</th><th class="num">${T.availability_column}</th>` +
      `<th class="num">${T.spot_share}</th><th>${T.changes}</th></tr>` +
      front.map((p) => `<tr${p.chosen ? ' class="chosen"' : ""}><td class="num">${usd(p.monthly_usd)}</td>` +
        `<td class="num">${p.availability}%</td><td class="num">${(100 * p.spot_share).toFixed(1)}%</td>` +
        `<td>${p.chosen ? `<span class="badge">${T.chosen}</span> ` : ""}<small>${p.changes.map(esc).join("<br>")}</small></td></tr>`).join("") +
      "</table>"
    : "";
}
$("steps").addEventListener("click", async (event) => {
  const button = event.target.closest("button.apply");
  if (!button) return;
  const response = await post("/api/apply", JSON.stringify({ spec: editor.value, step: Number(button.dataset.step) }), "application/json");
  if (response.ok) replaceSpec((await response.json()).spec);
});

function drawRoadmap(result) {
  $("roadmap").innerHTML = `<tr><th>${T.phase}</th><th class="num">${T.peak_rps}</th><th class="num">${T.monthly}</th><th>${T.sizes}</th><th>${T.move_on}</th></tr>` +
    result.phases.map((p) => `<tr><td>${esc(p.name)}</td><td class="num">${p.peak_rps}</td><td class="num">${usd(p.monthly_usd)}</td>` +
      `<td>${Object.entries(p.sizes).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join("<br>")}</td>` +
      `<td><small>${p.move_on_when.map(esc).join("<br>")}</small></td></tr>`).join("");
}

let diagramUrl = "";
function drawDiagram(svg) {
  if (diagramUrl) URL.revokeObjectURL(diagramUrl);
  diagramUrl = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  $("diagram").innerHTML = `<img alt="${esc(T.no_diagram)}" src="${diagramUrl}">`;  // <img>: the SVG runs no script
}

function replaceSpec(text) {
  editor.value = text;
  changed();
}

// ------------------------------------------------------------------------------------------ form

const FORM_FIELDS = {
  fargate_service: [["cpu", [0.25, 0.5, 1, 2, 4, 8, 16]], ["memory_gb", "number"], ["tasks", "counts"]],
  ec2_asg: [["instance_type", "text"], ["instances", "counts"]],
  ec2_instance: [["instance_type", "text"], ["count", "number"]],
  rds: [["instance_class", "text"], ["multi_az", "bool"], ["storage.gb", "number"], ["read_replicas", "number"]],
  aurora_serverless_v2: [["min_acu", "number"], ["max_acu", "number"], ["instances", "number"]],
  elasticache: [["node_type", "text"], ["shards", "number"], ["replicas_per_shard", "number"]],
  nat: [["mode", ["gateway", "instance"]], ["count", "number"]],
  alb: [["azs", "number"]],
  s3: [["storage_gb", "number"]],
  worker: [["cpu", [0.25, 0.5, 1, 2, 4, 8, 16]], ["memory_gb", "number"], ["tasks", "counts"]],
  sqs: [["messages_per_month", "number"]],
};
const get = (object, dotted) => dotted.split(".").reduce((o, k) => (o == null ? o : o[k]), object);

function input(path, kind, value, placeholder = "") {
  const name = esc(JSON.stringify(path));
  if (Array.isArray(kind)) {
    return `<select data-path="${name}" data-kind="choice">${kind.map((v) => `<option${String(v) === String(value) ? " selected" : ""}>${esc(v)}</option>`).join("")}</select>`;
  }
  if (kind === "bool") return `<input type="checkbox" data-path="${name}" data-kind="bool"${value ? " checked" : ""}>`;
  const type = kind === "number" ? "number" : "text";
  return `<input type="${type}" step="any" data-path="${name}" data-kind="${kind}" value="${esc(value ?? "")}" placeholder="${esc(placeholder)}">`;
}

function drawForm() {
  const values = state.values;
  if (!values) return;
  const spec = values.spec, sized = values.sized;
  let html = `<fieldset><legend>${T.traffic}</legend>` +
    `<label>${T.dau}${input(["traffic", "dau"], "number", spec.traffic.dau)}</label>` +
    `<label>${T.peak_users}${input(["traffic", "peak_concurrent_users"], "number", spec.traffic.peak_concurrent_users)}</label>` +
    `<label>${T.availability}${input(["availability_target"], "number", spec.availability_target)}</label>` +
    `<label>${T.budget_field}${input(["budget_monthly_usd"], "number", spec.budget_monthly_usd)}</label></fieldset>`;
  html += `<fieldset><legend>${T.components}</legend>`;
  for (const [name, component] of Object.entries(spec.components)) {
    const fields = FORM_FIELDS[component.kind];
    if (!fields) continue;
    html += `<fieldset data-component="${esc(name)}"><legend>${esc(name)} <span class="kind">${esc(component.kind)}</span></legend>`;
    for (const [field, kind] of fields) {
      const path = ["components", name, ...field.split(".")];
      const value = get(component, field), actual = get(sized.components[name], field);
      if (kind === "counts") {
        const counts = typeof value === "object" ? value : actual;
        for (const part of ["min", "desired", "max"]) {
          html += `<label>${field} ${T[part]}${input([...path, part], "count", typeof value === "object" ? counts[part] : "", value === "auto" ? `${T.auto}: ${counts[part]}` : "")}</label>`;
        }
      } else {
        const auto = value === "auto";
        html += `<label>${esc(field)}${input(path, kind, auto ? "" : value, auto ? `${T.auto}: ${actual}` : "")}</label>`;
      }
    }
    html += "</fieldset>";
  }
  $("form-pane").innerHTML = html + "</fieldset>";
}

$("form-pane").addEventListener("change", async (event) => {
  const field = event.target.closest("[data-path]");
  if (!field || !state.values) return;
  let path = JSON.parse(field.dataset.path), value;
  const kind = field.dataset.kind;
  if (kind === "bool") value = field.checked;
  else if (kind === "text") value = field.value.trim() || "auto";
  else if (kind === "choice") value = isNaN(Number(field.value)) ? field.value : Number(field.value);
  else if (kind === "count") {
    // Counts are written whole: min, desired and max together.
    const parent = path.slice(0, -1);
    const counts = {};
    for (const part of ["min", "desired", "max"]) {
      const box = $("form-pane").querySelector(`[data-path="${CSS.escape(JSON.stringify([...parent, part]))}"]`);
      counts[part] = Number(box.value || box.placeholder.replace(/\D+/g, "") || 0);
    }
    path = parent;
    value = counts;
  } else value = field.value === "" ? null : Number(field.value);
  const response = await post("/api/edit", JSON.stringify({ spec: editor.value, changes: [[path, value]] }), "application/json");
  if (response.ok) replaceSpec((await response.json()).spec);
  else if (response.status === 422) showErrors((await response.json()).errors);
});

function showTab(form) {
  $("tab-yaml").setAttribute("aria-selected", String(!form));
  $("tab-form").setAttribute("aria-selected", String(form));
  $("editor-pane").hidden = form;
  $("form-pane").hidden = !form;
  if (form) drawForm();
}
$("tab-yaml").addEventListener("click", () => showTab(false));
$("tab-form").addEventListener("click", () => showTab(true));

// ------------------------------------------------------------------------------------------ files and links

function specName() {
  const m = editor.value.match(/^name:\s*["']?([\w.\-]+)/m);
  return m ? m[1] : "spec";
}
function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
$("download-spec").addEventListener("click", () => download(new Blob([editor.value], { type: "application/yaml" }), `${specName()}.yaml`));
$("download-plan").addEventListener("click", async () => {
  $("notice").hidden = false;
  $("notice").textContent = T.downloading;
  const response = await post(`/api/plan?lang=${CONFIG.lang}`, editor.value);
  if (response.ok) {
    $("notice").hidden = true;
    download(await response.blob(), `${specName()}-plan.zip`);
  } else {
    const body = await response.json();
    $("notice").textContent = body.errors.map((e) => e.text).join("\n");
  }
});

// The spec travels in the fragment, compressed: the server never sees or stores it.
function toBase64Url(bytes) {
  let binary = "";
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}
async function encodeSpec(text) {
  return "spec=" + toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw")));
}
async function decodeSpec(fragment) {
  const m = fragment.match(/(?:^#|&)spec=([\w-]+)/);
  if (!m) return null;
  return new TextDecoder().decode(await pipe(fromBase64Url(m[1]), new DecompressionStream("deflate-raw")));
}
async function linkFor(lang) {
  return `${location.origin}/?lang=${lang}#${await encodeSpec(editor.value)}`;
}
$("share").addEventListener("click", async () => {
  const link = await linkFor(CONFIG.lang);
  $("share-link").value = link;
  $("share-link").hidden = false;
  $("share-link").select();
  try { await navigator.clipboard.writeText(link); } catch (_) { /* the field still shows it */ }
  $("notice").hidden = false;
  $("notice").textContent = T.link_copied;
});
for (const lang of ["en", "ko"]) {
  $(`lang-${lang}`).addEventListener("click", async (event) => {  // keep the spec being edited
    event.preventDefault();
    const unchanged = state.blueprint && editor.value === state.blueprint.text;
    location.href = unchanged ? `/?lang=${lang}&blueprint=${state.blueprint.name}` : await linkFor(lang);
  });
}

async function loadBlueprint(name) {
  const response = await fetch(`/api/blueprints/${encodeURIComponent(name)}`);
  if (!response.ok) return;
  state.blueprint = { name, text: await response.text() };
  replaceSpec(state.blueprint.text);
}
$("blueprint").addEventListener("change", (event) => {
  const name = event.target.value;
  history.replaceState(null, "", name ? `?lang=${CONFIG.lang}&blueprint=${name}` : `?lang=${CONFIG.lang}`);
  if (name) loadBlueprint(name); else replaceSpec(BLANK_SPEC);
});

async function start() {
  state.schema = await (await fetch("/api/schema")).json();
  const shared = await decodeSpec(location.hash).catch(() => null);
  const blueprint = new URLSearchParams(location.search).get("blueprint");
  if (shared !== null) replaceSpec(shared);
  else if (blueprint) {
    $("blueprint").value = blueprint;
    await loadBlueprint(blueprint);
  } else replaceSpec(BLANK_SPEC);
}
start();
