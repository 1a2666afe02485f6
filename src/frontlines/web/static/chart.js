/* Frontlines timeline chart: districts by controller, week by week.
 *
 * Self-contained: renders into the element with id "timeline-chart" when the page has
 * one, reads GET /api/control/summary?counting=..., and marks the date the page shows
 * when the window receives a "frontlines:date" CustomEvent ({date, counting}).
 * Builds SVG with DOM calls only (no HTML strings, no inline styles), so the page's
 * Content-Security-Policy holds.
 */
(function () {
  "use strict";
  const KEYS = ["government", "taliban", "resistance", "contested", "unknown"];
  const LABELS = {
    government: "Government",
    taliban: "Taliban",
    resistance: "Resistance",
    contested: "Contested",
    unknown: "Unknown",
  };
  const FALLBACK = {
    government: "#4b7bb5",
    taliban: "#b5483b",
    resistance: "#3f8f5a",
    contested: "#e2a21b",
    unknown: "#cdd2d8",
  };
  const NS = "http://www.w3.org/2000/svg";
  const W = 320, H = 150, PAD = { l: 30, r: 8, t: 8, b: 20 };

  const chart = { rows: [], counting: null, date: null, loading: null };

  function sv(tag, attrs) {
    const node = document.createElementNS(NS, tag);
    for (const k in attrs || {}) node.setAttribute(k, String(attrs[k]));
    return node;
  }
  function colour(key) {
    const v = getComputedStyle(document.documentElement).getPropertyValue("--" + key).trim();
    return v || FALLBACK[key];
  }
  function day(iso) { return Date.parse(iso + "T00:00:00Z"); }

  function root() { return document.getElementById("timeline-chart"); }

  async function load(counting) {
    const url = "/api/control/summary?counting=" + encodeURIComponent(counting || "all");
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error("HTTP " + res.status);
    const rows = await res.json();
    if (!Array.isArray(rows)) throw new Error("unexpected answer");
    return rows;
  }

  function draw() {
    const box = root();
    if (!box) return;
    box.replaceChildren();
    const head = document.createElement("h2");
    head.textContent = "Districts by controller over time";
    box.append(head);
    const rows = chart.rows;
    if (!rows.length) {
      const p = document.createElement("p");
      p.className = "muted";
      p.textContent = "No control timeline to draw yet.";
      box.append(p);
      return;
    }
    const total = Math.max(1, ...rows.map((r) => KEYS.reduce((n, k) => n + (r[k] || 0), 0)));
    const t0 = day(rows[0].week), t1 = day(rows[rows.length - 1].week);
    const x = (iso) => PAD.l + (t1 > t0 ? ((day(iso) - t0) / (t1 - t0)) : 0) * (W - PAD.l - PAD.r);
    const y = (n) => H - PAD.b - (n / total) * (H - PAD.t - PAD.b);
    const svg = sv("svg", { viewBox: "0 0 " + W + " " + H, class: "timeline-svg", role: "img" });
    const title = sv("title");
    svg.append(title);
    // Stacked areas, government at the bottom.
    const base = rows.map(() => 0);
    for (const key of KEYS) {
      const top = rows.map((r, i) => base[i] + (r[key] || 0));
      const up = rows.map((r, i) => x(r.week).toFixed(1) + "," + y(top[i]).toFixed(1));
      const down = rows.map((r, i) => x(r.week).toFixed(1) + "," + y(base[i]).toFixed(1)).reverse();
      const area = sv("polygon", { points: up.concat(down).join(" "), fill: colour(key), class: "area " + key });
      area.setAttribute("data-key", key);
      svg.append(area);
      for (let i = 0; i < rows.length; i++) base[i] = top[i];
    }
    // Axes: 0 and the total on the left, the first of each month below.
    svg.append(sv("line", { x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b, stroke: "#7b8794" }));
    for (const n of [0, total]) {
      const t = sv("text", { x: PAD.l - 4, y: y(n) + 3, "text-anchor": "end", "font-size": 9, fill: "#52606d" });
      t.textContent = String(n);
      svg.append(t);
    }
    const d = new Date(t0);
    d.setUTCDate(1);
    while (d.getTime() <= t1) {
      if (d.getTime() >= t0) {
        const iso = d.toISOString().slice(0, 10);
        const t = sv("text", { x: x(iso), y: H - 6, "text-anchor": "middle", "font-size": 9, fill: "#52606d" });
        t.textContent = d.toLocaleString("en", { month: "short", timeZone: "UTC" });
        svg.append(t);
      }
      d.setUTCMonth(d.getUTCMonth() + 1);
    }
    const marker = sv("line", { id: "timeline-marker", y1: PAD.t, y2: H - PAD.b, stroke: "#17212b", "stroke-width": 1.5 });
    svg.append(marker);
    box.append(svg);
    const legend = document.createElement("ul");
    legend.className = "timeline-legend";
    for (const key of KEYS) {
      const li = document.createElement("li");
      li.dataset.key = key;
      const sw = document.createElement("span");
      sw.className = "sw " + key;
      const label = document.createElement("span");
      label.className = "timeline-count";
      li.append(sw, label);
      legend.append(li);
    }
    box.append(legend);
    const caption = document.createElement("p");
    caption.className = "muted timeline-week";
    box.append(caption);
    mark();
  }

  /** The row in force on the page's date: the last week that starts on or before it. */
  function rowAt(iso) {
    let found = chart.rows[0];
    for (const r of chart.rows) if (r.week <= iso) found = r;
    return found;
  }

  function mark() {
    const box = root();
    if (!box || !chart.rows.length) return;
    const rows = chart.rows;
    const iso = chart.date || rows[rows.length - 1].week;
    const t0 = day(rows[0].week), t1 = day(rows[rows.length - 1].week);
    const clamped = Math.min(Math.max(day(iso), t0), t1);
    const px = PAD.l + (t1 > t0 ? (clamped - t0) / (t1 - t0) : 0) * (W - PAD.l - PAD.r);
    const marker = box.querySelector("#timeline-marker");
    if (marker) {
      marker.setAttribute("x1", px.toFixed(1));
      marker.setAttribute("x2", px.toFixed(1));
      marker.setAttribute("data-date", iso);
    }
    const row = rowAt(iso);
    const text = KEYS.map((k) => LABELS[k] + " " + (row[k] || 0)).join(", ");
    box.setAttribute("data-date", iso);
    box.setAttribute("data-week", row.week);
    const title = box.querySelector("svg title");
    if (title) title.textContent = "Week of " + row.week + ": " + text;
    const svg = box.querySelector("svg");
    if (svg) svg.setAttribute("aria-label", "Districts by controller, week of " + row.week + ": " + text);
    const caption = box.querySelector(".timeline-week");
    if (caption) caption.textContent = "Counts for the week from " + row.week + " (counting " + (chart.counting || "all") + ")";
    for (const li of box.querySelectorAll(".timeline-legend li")) {
      const key = li.dataset.key;
      li.querySelector(".timeline-count").textContent = LABELS[key] + " " + (row[key] || 0);
    }
  }

  async function refresh(counting) {
    if (counting === chart.counting && chart.rows.length) return mark();
    chart.counting = counting;
    const pending = load(counting);
    chart.loading = pending;
    try {
      const rows = await pending;
      if (chart.loading !== pending) return; // a later counting was asked for meanwhile
      chart.rows = rows;
      draw();
    } catch (e) {
      const box = root();
      if (!box) return;
      box.replaceChildren();
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = "Could not load the control timeline: " + e.message;
      box.append(p);
      chart.counting = null;
    }
  }

  window.addEventListener("frontlines:date", (ev) => {
    const detail = (ev && ev.detail) || {};
    if (typeof detail.date === "string") chart.date = detail.date;
    refresh(typeof detail.counting === "string" ? detail.counting : chart.counting || "all");
  });

  function start() {
    if (!root()) return;
    if (chart.counting === null && !chart.loading) refresh("all");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
