// The page of docs/web.md: asks /api/ask/stream and shows the run as its events arrive.
"use strict";

const $ = (id) => document.getElementById(id);
const usd = (v) => "$" + Number(v).toFixed(10).replace(/0+$/, "").replace(/\.$/, ".0");

let cap = 0;

function setGauge(used, reserved, capUsd) {
  const g = $("gauge");
  const pct = (v) => (capUsd > 0 ? Math.min(100, (100 * v) / capUsd) : 0);
  $("gauge-used").style.width = pct(used).toFixed(2) + "%";
  $("gauge-reserved").style.width = Math.min(100 - pct(used), pct(reserved)).toFixed(2) + "%";
  g.dataset.used = used;
  g.dataset.reserved = reserved;
  g.dataset.peakReserved = Math.max(Number(g.dataset.peakReserved), reserved);
  g.dataset.updates = Number(g.dataset.updates) + 1;
  $("gauge-text").textContent =
    "settled " + usd(used) + " · reserved " + usd(reserved) + " · cap " + usd(capUsd) +
    " · left " + usd(Math.max(0, capUsd - used - reserved));
}

function progress(text, cls) {
  const li = document.createElement("li");
  li.textContent = text;
  if (cls) li.className = cls;
  $("progress").appendChild(li);
  li.scrollIntoView({ block: "nearest" });
}

function showCost(r) {
  const body = $("cost").querySelector("tbody");
  body.innerHTML = "";
  const row = (cells) => {
    const tr = document.createElement("tr");
    for (const c of cells) {
      const td = document.createElement("td");
      td.textContent = c;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  };
  for (const [m, v] of Object.entries(r.usdByModel)) {
    row(["model " + m, (r.modelCalls[m] || 0) + " calls", "", usd(v)]);
  }
  for (const [t, u] of Object.entries(r.toolUnits)) {
    row(["tool " + t, u + " units", "", usd(r.usdByTool[t] || 0)]);
  }
  $("cost-tokens").textContent = r.inputTokens + " / " + r.outputTokens;
  $("cost-total").textContent = usd(r.usd);
  $("run-id").textContent = "run " + r.runId + " · " + r.steps + " steps · " + r.millis + " ms · ";
  const a = document.createElement("a");
  a.id = "trace-link";
  a.href = r.trace;
  a.textContent = "the run's trace (JSON lines)";
  $("run-id").appendChild(a);
}

function handle(name, d) {
  switch (name) {
    case "start":
      cap = d.capUsd;
      setGauge(0, 0, cap);
      progress("asking " + (d.simulated ? "the SIMULATED model " : "model ") + d.model + " with a cap of " + usd(cap));
      break;
    case "run_started":
      progress("run " + d.runId + " started (" + d.strategy + ")");
      break;
    case "budget":
      setGauge(d.usedUsd, d.reservedUsd, d.capUsd);
      break;
    case "model_call":
      progress("step " + d.step + ": " + d.model + " " + d.inputTokens + " tokens in, " + d.outputTokens +
        " out, settled " + usd(d.usd), "money");
      break;
    case "model_failed":
      progress("step " + d.step + ": " + d.model + " failed: " + d.error + (d.retrying ? " (retrying)" : ""), "refused");
      break;
    case "tool_started":
      progress("step " + d.step + ": " + d.tool + " " + d.arguments + " (reserved " + d.units + " units, " +
        usd(d.reservedUsd) + ")", "tool");
      break;
    case "tool_finished":
      progress("step " + d.step + ": " + d.tool + " " + d.outcome + ", settled " + d.units + " units, " + usd(d.usd), "money");
      break;
    case "refused":
      progress("step " + d.step + ": refused " + d.what + ": " + d.message, "refused");
      break;
    case "note":
      progress("step " + d.step + ": " + d.kind + ": " + d.text);
      break;
    case "token":
      $("answer").textContent += d.text;
      break;
    case "result":
      $("answer").textContent = d.answer === null ? "(no answer)" : d.answer;
      $("stop").textContent = "stopped: " + d.stopReason + (d.forcedAnswer ? " (forced answer)" : "");
      setGauge(d.usd, 0, d.capUsd);
      showCost(d);
      progress("done: " + usd(d.usd) + " of " + usd(d.capUsd));
      document.body.dataset.state = "done";
      break;
    case "error":
      showError(d.message);
      break;
  }
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = false;
}

async function ask(event) {
  event.preventDefault();
  const q = $("question").value;
  const params = new URLSearchParams({ question: q });
  if ($("usd").value) params.set("usd", $("usd").value);
  $("error").hidden = true;
  $("progress").innerHTML = "";
  $("answer").textContent = "";
  $("stop").textContent = "";
  $("cost").querySelector("tbody").innerHTML = "";
  $("cost-total").textContent = "";
  $("cost-tokens").textContent = "";
  $("gauge").dataset.peakReserved = 0;
  $("gauge").dataset.updates = 0;
  document.body.dataset.state = "running";
  $("ask").disabled = true;
  try {
    const res = await fetch("/api/ask/stream?" + params, { headers: { Accept: "text/event-stream" } });
    if (!res.ok) {
      const body = await res.json().catch(() => ({ error: res.status + " " + res.statusText }));
      showError(body.error);
      document.body.dataset.state = "error";
      return;
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5));
        }
        if (data.length) handle(name, JSON.parse(data.join("\n")));
      }
    }
  } catch (e) {
    showError("the stream broke off: " + e.message);
  } finally {
    $("ask").disabled = false;
  }
}

async function init() {
  const info = await (await fetch("/api/info")).json();
  $("model-note").textContent = info.note;
  $("usd").value = info.defaultUsd;
  $("usd").max = info.maxUsd;
  for (const q of info.examples) {
    const o = document.createElement("option");
    o.value = q;
    $("examples").appendChild(o);
  }
  if (!$("question").value && info.examples.length) $("question").value = info.examples[0];
  $("ask-form").addEventListener("submit", ask);
  document.body.dataset.state = "ready";
}

init();
