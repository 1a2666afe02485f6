/* Frontlines map page.
 *
 * Everything comes from this server's /api; nothing is fetched from anywhere else.
 * Article text, titles, sources and place names are hostile input: they are only
 * ever put into the page with textContent / createElement, never as markup.
 */
"use strict";

(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const CLASSES = ["government", "taliban", "resistance", "contested", "unverified", "unknown"];
  const CLASS_LABEL = {
    government: "Government",
    taliban: "Taliban",
    resistance: "Resistance",
    contested: "Contested",
    unverified: "Unverified claim",
    unknown: "Unknown",
  };
  // One day per PLAY_MS at 1×; the speed control divides it.
  const PLAY_MS = 320;
  const L = window.FrontlinesLayers;
  const W = window.FrontlinesWhy;

  const state = {
    meta: null,
    start: "2021-05-01",
    end: "2021-09-10",
    date: null,
    counting: "all",
    district: null, // "admin1/admin2"
    event: null,
    playing: false,
    features: new Map(), // key -> {path, props, bbox}
    events: [],
    history: null,
    seq: 0,
    speed: 1,
    shownEventsDate: null,
    capitals: [],
    labels: { provinces: [], districts: [], neighbours: [] },
  };

  const $ = (id) => document.getElementById(id);
  let eventLayer = null;
  const svg = $("map");
  const view = { x: 0, y: 0, w: 1, h: 1, home: null, bounds: null };
  const layers = {};

  // --- small helpers -----------------------------------------------------------
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function sv(tag, attrs) {
    const node = document.createElementNS(SVGNS, tag);
    for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
    return node;
  }
  function toDay(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  }
  function fromDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }
  function fmtDate(iso) {
    if (!iso) return "—";
    const d = new Date(toDay(iso.slice(0, 10)));
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  function validDate(s) {
    return typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && fromDay(toDay(s)) === s;
  }
  async function api(path) {
    const res = await fetch(path, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) throw new Error((body && body.error) || ("HTTP " + res.status));
    return body;
  }
  function enc(s) { return encodeURIComponent(s); }
  function badge(status) {
    return el("span", "badge " + (status || "none"), status || "baseline");
  }
  function controllerLabel(name, display) {
    if (display === "contested") return "Contested" + (name ? " (held by " + shortName(name) + ")" : "");
    if (!name) return "Unknown";
    return shortName(name);
  }
  function shortName(name) {
    return name === (state.meta && state.meta.government_actor) ? "Government" : name;
  }

  // --- projection ---------------------------------------------------------------
  let proj = { lon0: 60, lat1: 39, k: 100, c: 0.8 };
  function fitProjection(bounds) {
    const midLat = (bounds[1] + bounds[3]) / 2;
    proj = { lon0: bounds[0], lat1: bounds[3], k: 100, c: Math.cos((midLat * Math.PI) / 180) };
  }
  function px(lon, lat) {
    return [(lon - proj.lon0) * proj.k * proj.c, (proj.lat1 - lat) * proj.k];
  }
  function ringPath(ring) {
    let d = "";
    for (let i = 0; i < ring.length; i++) {
      const p = px(ring[i][0], ring[i][1]);
      d += (i ? "L" : "M") + p[0].toFixed(2) + " " + p[1].toFixed(2);
    }
    return d + "Z";
  }
  function geomPath(g) {
    if (!g) return "";
    if (g.type === "Polygon") return g.coordinates.map(ringPath).join("");
    if (g.type === "MultiPolygon") return g.coordinates.map((p) => p.map(ringPath).join("")).join("");
    return "";
  }
  function eachCoord(g, fn) {
    const walk = (n) => { if (typeof n[0] === "number") fn(n); else n.forEach(walk); };
    if (g && g.coordinates) walk(g.coordinates);
  }

  // --- view box: pan and zoom ---------------------------------------------------------
  function applyView() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map((v) => v.toFixed(2)).join(" "));
    // Markers keep their size in screen pixels whatever the zoom: radius in map units
    // is pixels times map units per pixel.
    const rect = svg.getBoundingClientRect();
    const scale = rect.width > 0 ? Math.max(view.w / rect.width, view.h / rect.height) : 1;
    for (const m of svg.querySelectorAll("[data-r]")) m.setAttribute("r", (Number(m.dataset.r) * scale).toFixed(2));
    for (const m of svg.querySelectorAll("[data-size]")) {
      const s = Number(m.dataset.size) * scale;
      const cx = Number(m.dataset.cx), cy = Number(m.dataset.cy);
      m.setAttribute("x", (cx - s / 2).toFixed(2));
      m.setAttribute("y", (cy - s / 2).toFixed(2));
      m.setAttribute("width", s.toFixed(2));
      m.setAttribute("height", s.toFixed(2));
      m.setAttribute("transform", "rotate(45 " + cx + " " + cy + ")");
    }
    scheduleOverlays();
    if (state.date && view.home) writeHash();
  }
  function setView(lon, lat, factor, animate) {
    const [cx, cy] = px(lon, lat);
    const w = view.home.w / factor, h = view.home.h / factor;
    moveTo({ x: cx - w / 2, y: cy - h / 2, w, h }, animate);
  }
  function fitView(b) {
    view.bounds = b;
    const rect = svg.getBoundingClientRect();
    // On a wide screen the legend floats over the map's lower left: keep the country clear of it.
    const legend = $("legend");
    const floating = getComputedStyle(legend).position === "absolute";
    const inset = floating && rect.width > 700 ? legend.getBoundingClientRect().width + 16 : 0;
    const usable = Math.max(rect.width - inset, 1);
    const aspect = usable > 1 && rect.height > 0 ? usable / rect.height : 1.5;
    let w = b.w, h = b.h;
    if (w / h > aspect) h = w / aspect; else w = h * aspect;
    const extra = (w * inset) / usable;
    view.x = b.x - (w - b.w) / 2 - extra;
    view.y = b.y - (h - b.h) / 2;
    w += extra;
    view.w = w;
    view.h = h;
    view.home = { x: view.x, y: view.y, w: view.w, h: view.h };
    applyView();
  }
  // Buttons, clusters and the finder glide to their view (instant under reduced motion);
  // the wheel and dragging follow the hand directly.
  let glide = 0;
  function moveTo(target, animate) {
    cancelAnimationFrame(glide);
    const still = !animate || window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (still) { Object.assign(view, target); applyView(); return; }
    const from = { x: view.x, y: view.y, w: view.w, h: view.h };
    const t0 = performance.now(), span = 220;
    const step = (now) => {
      const t = Math.min((now - t0) / span, 1);
      const e = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
      // Interpolate the scale geometrically so that zooming feels even.
      const k = Math.pow(target.w / from.w, e);
      const cx0 = from.x + from.w / 2, cy0 = from.y + from.h / 2;
      const cx1 = target.x + target.w / 2, cy1 = target.y + target.h / 2;
      view.w = from.w * k;
      view.h = from.h * k;
      view.x = cx0 + (cx1 - cx0) * e - view.w / 2;
      view.y = cy0 + (cy1 - cy0) * e - view.h / 2;
      applyView();
      if (t < 1) glide = requestAnimationFrame(step); else { Object.assign(view, target); applyView(); }
    };
    glide = requestAnimationFrame(step);
  }
  function zoomAt(factor, cx, cy, animate) {
    const nw = Math.min(Math.max(view.w * factor, view.home.w / 40), view.home.w * 1.5);
    const f = nw / view.w;
    moveTo({ x: cx - (cx - view.x) * f, y: cy - (cy - view.y) * f, w: nw, h: view.h * f }, animate);
  }
  function clientToMap(clientX, clientY) {
    const r = svg.getBoundingClientRect();
    return [view.x + ((clientX - r.left) / r.width) * view.w, view.y + ((clientY - r.top) / r.height) * view.h];
  }
  // --- view <-> geography, for the event and label layers --------------------------------
  // While the overlays are drawn the map's box cannot change: measure it once per pass.
  let frameRect = null;
  function mapRect() {
    return frameRect || svg.getBoundingClientRect();
  }
  function unitsPerPx() {
    const rect = mapRect();
    return rect.width > 0 ? Math.max(view.w / rect.width, view.h / rect.height) : 1;
  }
  function unpx(x, y) {
    return [x / (proj.k * proj.c) + proj.lon0, proj.lat1 - y / proj.k];
  }
  function toScreen(lon, lat) {
    const [x, y] = px(lon, lat);
    const rect = mapRect();
    // preserveAspectRatio xMidYMid meet: the view box is centred in the element.
    const s = unitsPerPx();
    const ox = (rect.width - view.w / s) / 2, oy = (rect.height - view.h / s) / 2;
    return [(x - view.x) / s + ox, (y - view.y) / s + oy];
  }
  function fromScreen(sx, sy) {
    const rect = mapRect();
    const s = unitsPerPx();
    const ox = (rect.width - view.w / s) / 2, oy = (rect.height - view.h / s) / 2;
    return [view.x + (sx - ox) * s, view.y + (sy - oy) * s];
  }
  function viewBounds() {
    const rect = mapRect();
    const [x0, y0] = fromScreen(0, 0);
    const [x1, y1] = fromScreen(rect.width, rect.height);
    const a = unpx(x0, y0), b = unpx(x1, y1);
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  }
  function zoomFactor() {
    return view.home ? view.home.w / view.w : 1;
  }
  function pxPerDegree() {
    return (proj.k * proj.c) / unitsPerPx();
  }
  let overlayFrame = 0;
  function scheduleOverlays() {
    if (overlayFrame) return;
    overlayFrame = requestAnimationFrame(() => { overlayFrame = 0; drawOverlays(); });
  }
  function drawOverlays() {
    if (!layers.labels) return;
    frameRect = svg.getBoundingClientRect();
    try {
      if (eventLayer && $("show-events").checked) eventLayer.render(); else if (layers.events) layers.events.replaceChildren();
      drawLabels();
    } finally {
      frameRect = null;
    }
    svg.dataset.zoom = zoomFactor().toFixed(2);
  }
  function drawLabels() {
    const c = [];
    for (const n of state.labels.neighbours) c.push({ text: n.name, lon: n.lon, lat: n.lat, cls: "country", size: 13, upper: true, priority: 0, anchor: "middle" });
    for (const cap of state.capitals) {
      const national = cap.name === (state.meta && state.meta.capital);
      c.push({ text: cap.name, lon: cap.lon, lat: cap.lat, cls: national ? "capital-name national" : "capital-name", size: national ? 13 : 11.5, priority: national ? 1 : 3, anchor: "side", marker: true, minZoom: national ? 0 : 1.4 });
    }
    for (const p of state.labels.provinces) c.push({ text: p.name, lon: p.lon, lat: p.lat, cls: "province-name", size: 10.5, upper: true, priority: 2, anchor: "middle" });
    for (const d of state.labels.districts) c.push({ text: d.name, lon: d.lon, lat: d.lat, cls: "district-name", size: 10.5, priority: 4, anchor: "middle", minZoom: 3 });
    const obstacles = eventLayer && $("show-events").checked ? eventLayer.boxes : [];
    // The zoom buttons sit over the map's top right corner: no label goes under them.
    const zr = $("mapwrap").querySelector(".zoom").getBoundingClientRect(), mr = svg.getBoundingClientRect();
    const reserved = [[zr.left - mr.left - 4, zr.top - mr.top - 4, zr.right - mr.left + 4, zr.bottom - mr.top + 4]];
    L.placeLabels(layers.labels, c, { unitsPerPx, zoomFactor, screenRect: mapRect, toScreen, fromScreen, obstacles, reserved });
  }
  /** The label point of a polygon: the area centroid of its largest ring. */
  function labelPoint(g) {
    let best = null, bestArea = 0;
    const rings = g.type === "Polygon" ? [g.coordinates[0]] : g.type === "MultiPolygon" ? g.coordinates.map((p) => p[0]) : [];
    for (const ring of rings) {
      let a = 0, cx = 0, cy = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
        a += f; cx += (ring[j][0] + ring[i][0]) * f; cy += (ring[j][1] + ring[i][1]) * f;
      }
      if (Math.abs(a) > bestArea && a !== 0) { bestArea = Math.abs(a); best = [cx / (3 * a), cy / (3 * a)]; }
    }
    return best;
  }

  function setupPanZoom() {
    svg.addEventListener("wheel", (e) => {
      e.preventDefault();
      const [cx, cy] = clientToMap(e.clientX, e.clientY);
      zoomAt(e.deltaY > 0 ? 1.2 : 1 / 1.2, cx, cy);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      cancelAnimationFrame(glide);
      drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false, id: e.pointerId };
    });
    svg.addEventListener("pointermove", (e) => {
      if (!drag || e.pointerId !== drag.id) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 5) return;
      if (!drag.moved) { drag.moved = true; svg.setPointerCapture(e.pointerId); svg.classList.add("dragging"); }
      const r = svg.getBoundingClientRect();
      view.x = drag.vx - (dx / r.width) * view.w;
      view.y = drag.vy - (dy / r.height) * view.h;
      applyView();
    });
    const end = (e) => {
      if (drag && drag.moved) {
        svg.classList.remove("dragging");
        // A drag is not a click on the district under the pointer.
        const stop = (ev) => { ev.stopPropagation(); ev.preventDefault(); };
        svg.addEventListener("click", stop, { capture: true, once: true });
        setTimeout(() => svg.removeEventListener("click", stop, { capture: true }), 0);
      }
      drag = null;
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    $("zoom-in").addEventListener("click", () => zoomAt(1 / 1.5, view.x + view.w / 2, view.y + view.h / 2, true));
    $("zoom-out").addEventListener("click", () => zoomAt(1.5, view.x + view.w / 2, view.y + view.h / 2, true));
    $("zoom-reset").addEventListener("click", () => moveTo(Object.assign({}, view.home), true));
  }

  // --- drawing -------------------------------------------------------------------------
  function buildDefs() {
    const defs = sv("defs");
    const hatch = (id, bg, fg, width) => {
      const p = sv("pattern", { id, patternUnits: "userSpaceOnUse", width: 7, height: 7, patternTransform: "rotate(45)" });
      p.appendChild(sv("rect", { width: 7, height: 7, fill: bg }));
      p.appendChild(sv("rect", { width, height: 7, fill: fg }));
      defs.appendChild(p);
    };
    // Patterns carry the states that colour alone would not tell apart for every reader
    // (checked against deuteranopia in tests/web/test_palette.py).
    hatch("hatch-contested", "#f5e76a", "#8a6d00", 2.2);
    hatch("hatch-unverified", "#f2d5e6", "#a8467f", 2);
    hatch("hatch-unknown", "#d3d7dc", "#8d959e", 1.2);
    const dots = sv("pattern", { id: "dots-resistance", patternUnits: "userSpaceOnUse", width: 6, height: 6 });
    dots.appendChild(sv("rect", { width: 6, height: 6, fill: "#1a9e77" }));
    dots.appendChild(sv("circle", { cx: 3, cy: 3, r: 1.3, fill: "#e8fff6" }));
    defs.appendChild(dots);
    svg.appendChild(defs);
  }

  function drawDistricts(fc) {
    const bounds = [Infinity, Infinity, -Infinity, -Infinity];
    for (const f of fc.features) eachCoord(f.geometry, (c) => {
      bounds[0] = Math.min(bounds[0], c[0]); bounds[1] = Math.min(bounds[1], c[1]);
      bounds[2] = Math.max(bounds[2], c[0]); bounds[3] = Math.max(bounds[3], c[1]);
    });
    fitProjection(bounds);
    buildDefs();
    for (const name of ["districts", "provinces", "roads", "selection", "points", "events", "labels", "pins"]) {
      layers[name] = sv("g", { class: "layer-" + name });
      svg.appendChild(layers[name]);
    }
    const frag = document.createDocumentFragment();
    for (const f of fc.features) {
      if (!f.geometry) continue;
      const p = f.properties;
      const key = p.admin1 + "/" + p.admin2;
      const path = sv("path", { d: geomPath(f.geometry), class: "district " + p.display });
      path.dataset.key = key;
      path.dataset.admin1 = p.admin1;
      path.dataset.admin2 = p.admin2;
      path.setAttribute("tabindex", "-1");
      frag.appendChild(path);
      let bb = [Infinity, Infinity, -Infinity, -Infinity];
      eachCoord(f.geometry, (c) => {
        const q = px(c[0], c[1]);
        bb = [Math.min(bb[0], q[0]), Math.min(bb[1], q[1]), Math.max(bb[2], q[0]), Math.max(bb[3], q[1])];
      });
      const center = labelPoint(f.geometry);
      state.features.set(key, { path, props: p, bbox: bb, center });
      if (center) state.labels.districts.push({ name: p.admin2, lon: center[0], lat: center[1] });
    }
    layers.districts.appendChild(frag);
    buildFinder();
    const tl = px(bounds[0], bounds[3]), br = px(bounds[2], bounds[1]);
    const pad = (br[0] - tl[0]) * 0.03;
    fitView({ x: tl[0] - pad, y: tl[1] - pad, w: br[0] - tl[0] + 2 * pad, h: br[1] - tl[1] + 2 * pad });

    layers.districts.addEventListener("click", (e) => {
      const t = e.target.closest && e.target.closest(".district");
      if (t) selectDistrict(t.dataset.key, true);
    });
    const tip = $("tooltip");
    layers.districts.addEventListener("pointermove", (e) => {
      const t = e.target.closest && e.target.closest(".district");
      if (!t) { tip.hidden = true; return; }
      const f = state.features.get(t.dataset.key);
      showTip(e, f.props.admin2, f.props.admin1 + " · " + CLASS_LABEL[f.props.display] + (f.props.since ? " since " + fmtDate(f.props.since) : ""));
    });
    layers.districts.addEventListener("pointerleave", () => { tip.hidden = true; });
  }

  // The keyboard's way to a district (and the quickest for anyone who knows its name):
  // type it, pick it from the list, press Enter.
  function buildFinder() {
    const list = $("district-list");
    const byLabel = new Map();
    const names = [...state.features.values()].map((f) => f.props)
      .sort((a, b) => (a.admin2 + a.admin1).localeCompare(b.admin2 + b.admin1));
    const opts = document.createDocumentFragment();
    for (const p of names) {
      const label = p.admin2 + " (" + p.admin1 + ")";
      byLabel.set(label.toLowerCase(), p.admin1 + "/" + p.admin2);
      const o = document.createElement("option");
      o.value = label;
      opts.appendChild(o);
    }
    list.replaceChildren(opts);
    const find = (text) => {
      const q = text.trim().toLowerCase();
      if (!q) return null;
      if (byLabel.has(q)) return byLabel.get(q);
      const hits = names.filter((p) => p.admin2.toLowerCase() === q);
      if (hits.length === 1) return hits[0].admin1 + "/" + hits[0].admin2;
      const starts = names.filter((p) => p.admin2.toLowerCase().startsWith(q));
      return starts.length === 1 ? starts[0].admin1 + "/" + starts[0].admin2 : null;
    };
    const go = () => {
      const input = $("district-search");
      const key = find(input.value);
      const status = $("finder-status");
      if (!key) {
        status.textContent = input.value.trim() ? "No single district matches " + JSON.stringify(input.value.trim()) + "." : "";
        input.setAttribute("aria-invalid", input.value.trim() ? "true" : "false");
        return;
      }
      input.setAttribute("aria-invalid", "false");
      status.textContent = "Showing " + key.split("/")[1] + ".";
      selectDistrict(key, true);
      const f = state.features.get(key);
      if (f) zoomToBox(f.bbox, true);
    };
    $("finder").addEventListener("submit", (e) => { e.preventDefault(); go(); });
    $("district-search").addEventListener("change", go);
  }

  // Zoom to a district without moving "home" (the reset button still fits the country).
  function zoomToBox(bb, animate) {
    const rect = svg.getBoundingClientRect();
    const aspect = rect.width > 1 && rect.height > 0 ? rect.width / rect.height : 1.5;
    let w = Math.max(bb[2] - bb[0], view.home.w / 12) * 3;
    let h = Math.max(bb[3] - bb[1], view.home.h / 12) * 3;
    if (w / h > aspect) h = w / aspect; else w = h * aspect;
    moveTo({ x: (bb[0] + bb[2]) / 2 - w / 2, y: (bb[1] + bb[3]) / 2 - h / 2, w, h }, animate);
  }

  function showTip(e, title, sub) {
    const tip = $("tooltip");
    tip.replaceChildren(el("div", "", title), el("div", "tt-sub", sub));
    const r = $("mapwrap").getBoundingClientRect();
    let x = e.clientX - r.left + 14, y = e.clientY - r.top + 14;
    if (x > r.width - 220) x -= 240;
    if (y > r.height - 60) y -= 60;
    tip.style.left = x + "px";
    tip.style.top = y + "px";
    tip.hidden = false;
  }

  function drawProvinces(fc) {
    const frag = document.createDocumentFragment();
    state.labels.provinces = [];
    for (const f of fc.features) {
      frag.appendChild(sv("path", { d: geomPath(f.geometry), class: "province" }));
      const c = labelPoint(f.geometry);
      const name = f.properties && (f.properties.admin1 || f.properties.shape_name);
      if (c && name) state.labels.provinces.push({ name, lon: c[0], lat: c[1] });
    }
    layers.provinces.replaceChildren(frag);
    scheduleOverlays();
  }

  function applyStates(fc) {
    for (const f of fc.features) {
      const p = f.properties;
      const item = state.features.get(p.admin1 + "/" + p.admin2);
      if (!item) continue;
      item.props = p;
      const cls = "district " + p.display +
        (state.district === p.admin1 + "/" + p.admin2 ? " selected" : "") +
        (item.path.classList.contains("flash") ? " flash" : "");
      if (item.path.getAttribute("class") !== cls) item.path.setAttribute("class", cls);
    }
    renderCounts(fc.counts || {});
  }

  function drawRoutes(data) {
    const roads = document.createDocumentFragment();
    const casing = document.createDocumentFragment();
    for (const f of data.roads.features) {
      const d = f.geometry.coordinates.map((c, i) => { const q = px(c[0], c[1]); return (i ? "L" : "M") + q[0].toFixed(2) + " " + q[1].toFixed(2); }).join("");
      casing.appendChild(sv("path", { d, class: "road-casing" }));
      const path = sv("path", { d, class: "road" + (f.properties.cut ? " cut" : "") });
      const t = sv("title");
      t.textContent = f.properties.name + ": " + f.properties.from + " – " + f.properties.to + (f.properties.cut ? " (cut)" : "");
      path.appendChild(t);
      roads.appendChild(path);
    }
    const g = sv("g");
    g.appendChild(casing);
    g.appendChild(roads);
    layers.roads.replaceChildren(g);

    const pts = document.createDocumentFragment();
    state.capitals = [];
    for (const f of data.points.features) {
      const p = f.properties;
      const [cx, cy] = px(f.geometry.coordinates[0], f.geometry.coordinates[1]);
      let m;
      let sub;
      if (p.kind === "capital") {
        const key = p.admin1 + "/" + p.admin2;
        const feat = state.features.get(key);
        // The capital's look follows its district's state: held, fallen, contested or unknown.
        const display = feat ? feat.props.display : "unknown";
        const look = display === "government" ? "held" : display === "contested" ? "contested" : display === "unknown" || display === "unverified" ? "uncertain" : "fallen";
        const cut = p.reachable === false || p.effectively_cut;
        m = sv("circle", { cx: cx.toFixed(2), cy: cy.toFixed(2), class: "marker capital " + look + (cut ? " cutoff" : "") });
        m.dataset.r = p.name === (state.meta && state.meta.capital) ? 5.5 : 4;
        m.dataset.look = look;
        const lookText = { held: "held by the government", fallen: "in a district the government lost", contested: "contested", uncertain: "control unknown or unverified" }[look];
        sub = "Provincial capital, " + p.admin1 + " · " + lookText + (p.reachable === false ? " · cut off from the hub" : p.effectively_cut ? " · long detour" : "");
        state.capitals.push({ name: p.name, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
        m.dataset.key = key;
      } else {
        m = sv("rect", { class: "marker crossing" + (p.holder && p.holder !== (state.meta && state.meta.government_actor) ? " lost" : "") });
        m.dataset.size = 8;
        m.dataset.cx = cx;
        m.dataset.cy = cy;
        sub = "Border crossing to " + (p.neighbour || "?") + " · held by " + (p.holder ? shortName(p.holder) : "unknown") + (p.since ? " since " + fmtDate(p.since) : "");
        m.dataset.key = p.admin1 && p.admin2 ? p.admin1 + "/" + p.admin2 : "";
      }
      m.addEventListener("pointermove", (e) => showTip(e, p.name, sub));
      m.addEventListener("pointerleave", () => { $("tooltip").hidden = true; });
      m.addEventListener("click", () => { if (m.dataset.key && state.features.has(m.dataset.key)) selectDistrict(m.dataset.key, true); });
      pts.appendChild(m);
    }
    layers.points.replaceChildren(pts);
    applyView();
  }

  function renderCounts(counts) {
    const total = CLASSES.reduce((s, c) => s + (counts[c] || 0), 0) || 1;
    const bar = $("count-bar");
    const list = $("counts");
    bar.replaceChildren();
    list.replaceChildren();
    for (const c of CLASSES) {
      const n = counts[c] || 0;
      if (n) {
        const seg = el("span", c);
        seg.style.width = ((100 * n) / total).toFixed(2) + "%";
        seg.title = CLASS_LABEL[c] + ": " + n;
        bar.appendChild(seg);
      }
      const li = el("li");
      li.dataset.class = c;
      li.append(el("span", "sw " + c), el("span", "", CLASS_LABEL[c]), el("span", "n", n));
      list.appendChild(li);
    }
  }

  function renderLegend() {
    const ul = $("swatches");
    if (!ul) return; // the district colours are explained by the counter's swatches
    ul.replaceChildren();
    for (const c of CLASSES) {
      const li = el("li");
      li.append(el("span", "sw " + c), el("span", "", CLASS_LABEL[c]));
      ul.appendChild(li);
    }
  }

  // --- loading per date ---------------------------------------------------------------
  async function refresh(opts) {
    const seq = ++state.seq;
    const q = "date=" + enc(state.date) + "&counting=" + enc(state.counting);
    // The day's events are asked for alongside the control states and the roads.
    const events = opts && opts.skipEvents ? null : fetchEvents();
    const [fc, routes] = await Promise.all([
      api("/api/control?geometry=false&" + q),
      api("/api/routes?" + q).catch(() => null),
    ]);
    if (seq !== state.seq) return; // a later date was asked for meanwhile
    applyStates(fc);
    if (routes) drawRoutes(routes);
    if (events) await loadEvents(seq, events);
    if (seq !== state.seq) return;
    if (state.district && state.history) markCurrentState();
    // What the page shows now, for anyone (a test, a script) waiting on a change of date.
    document.body.dataset.shown = state.date + "|" + state.counting;
    // The timeline chart (chart.js, when present) follows the date and the counting.
    window.dispatchEvent(new CustomEvent("frontlines:date", { detail: { date: state.date, counting: state.counting } }));
  }

  function fetchEvents() {
    const params = new URLSearchParams({ until: state.date, order: "desc", limit: "1000" });
    const type = $("filter-type").value;
    if (type) params.set("sub_event_type", type);
    const status = $("filter-status").value;
    if (status) params.set("claim_status", status);
    if ($("filter-district").checked && state.district) {
      const f = state.features.get(state.district);
      if (f) { params.set("admin1", f.props.admin1); params.set("admin2", f.props.admin2); }
    }
    const asked = state.date;
    return api("/api/events?" + params.toString()).then((page) => ({ page, asked }), () => null);
  }

  async function loadEvents(seq, pending) {
    const got = await (pending || fetchEvents());
    if (!got) return;
    const { page, asked } = got;
    if (seq !== undefined && seq !== state.seq) return;
    if (seq === undefined && asked !== state.date) return; // the date moved on meanwhile
    const counted = (state.meta && state.meta.counting_statuses && state.meta.counting_statuses[state.counting]) || null;
    state.events = page.items.filter((ev) => !counted || counted.includes(ev.claim_status));
    state.shownEventsDate = asked;
    // The newest 1000 are loaded (list and map); say so when there are more.
    state.eventsTotal = page.total;
    renderEvents();
    if (eventLayer) eventLayer.setEvents(state.events, asked);
    scheduleOverlays();
  }

  function renderEvents() {
    const list = $("events");
    list.replaceChildren();
    // The heading names the date these events were loaded for, so it never runs ahead of the list.
    $("events-date").textContent = fmtDate(state.shownEventsDate);
    const killed = state.events.reduce((n, ev) => n + (ev.fatalities || 0), 0);
    const more = state.eventsTotal > 1000 ? " (newest 1000 of " + state.eventsTotal + ")" : "";
    $("events-count").textContent = state.events.length + (state.events.length === 1 ? " event" : " events") + more + " · " + killed + " killed";
    if (!state.events.length) {
      list.appendChild(el("li", "empty", "No events up to this date with these filters."));
      return;
    }
    const frag = document.createDocumentFragment();
    for (const ev of state.events.slice(0, 400)) {
      const fresh = ev.event_date === state.shownEventsDate;
      const li = el("li", "ev" + (state.event === ev.event_id ? " active" : "") + (fresh ? " fresh" : ""));
      li.tabIndex = 0;
      li.dataset.id = ev.event_id;
      const head = el("div", "ev-head");
      head.append(el("span", "", fmtDate(ev.event_date)), badge(ev.claim_status));
      if (ev.corroboration > 1) head.append(el("span", "", ev.corroboration + " sources"));
      if (fresh) head.append(el("span", "new", "new today"));
      const type = el("div", "ev-type");
      type.append(L.symbolIcon(ev.event_type, 1, 16), document.createTextNode(" " + ev.sub_event_type));
      li.append(head, type);
      const counts = L.countsText(ev);
      if (counts) li.append(el("div", "ev-counts", counts));
      const place = [ev.location, ev.admin2, ev.admin1].filter((x, i, a) => x && a.indexOf(x) === i).join(", ");
      li.append(el("div", "ev-place", place || ev.country || "Place unknown"));
      if (ev.evidence) li.append(el("div", "ev-text", ev.evidence));
      frag.appendChild(li);
    }
    list.appendChild(frag);
  }

  // --- selection: districts, events, articles -------------------------------------------
  function clearFlash() {
    for (const p of svg.querySelectorAll(".district.flash")) p.classList.remove("flash");
    layers.pins && layers.pins.replaceChildren();
  }

  async function selectDistrict(key, user) {
    if (!state.features.has(key)) return;
    const prev = state.district && state.features.get(state.district);
    if (prev) prev.path.classList.remove("selected");
    state.district = key;
    const item = state.features.get(key);
    item.path.classList.add("selected");
    item.path.parentNode.appendChild(item.path); // draw its outline above its neighbours
    // The selection is an outline only (white casing, black line): no state is drawn so.
    const d = item.path.getAttribute("d");
    layers.selection.replaceChildren(sv("path", { d, class: "sel-casing" }), sv("path", { d, class: "sel-line", id: "selection-outline" }));
    // The finder names the district shown, or nothing: never an older one.
    const search = $("district-search");
    if (search.value && search.value.toLowerCase() !== (item.props.admin2 + " (" + item.props.admin1 + ")").toLowerCase()) search.value = "";
    writeHash();
    if ($("filter-district").checked) loadEvents();
    const { admin1, admin2 } = item.props;
    showPanelLoading(admin2);
    try {
      const h = await api("/api/control/" + enc(admin2) + "/history?admin1=" + enc(admin1) + "&counting=" + enc(state.counting));
      if (state.district !== key) return;
      state.history = h;
      renderHistory(h);
    } catch (e) {
      renderPanelError(e.message);
    }
    if (user && window.matchMedia("(max-width: 860px)").matches) $("panel").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function openPanel() { $("panel").hidden = false; }
  function closePanel() {
    $("panel").hidden = true;
    const prev = state.district && state.features.get(state.district);
    if (prev) prev.path.classList.remove("selected");
    layers.selection && layers.selection.replaceChildren();
    $("district-search").value = "";
    state.district = null;
    state.history = null;
    state.event = null;
    clearFlash();
    for (const li of document.querySelectorAll(".ev.active")) li.classList.remove("active");
    writeHash();
    if ($("filter-district").checked) loadEvents();
  }
  function showPanelLoading(title) {
    openPanel();
    $("panel-back").hidden = true;
    const body = $("panel-body");
    body.replaceChildren(el("h3", "", title), el("p", "muted", "Loading…"));
  }
  function renderPanelError(msg) {
    openPanel();
    $("panel-body").replaceChildren(el("p", "muted", "Could not load: " + msg));
  }

  function currentIndex(states) {
    let idx = 0;
    states.forEach((s, i) => { if ((s.since || "") <= state.date) idx = i; });
    return idx;
  }

  function renderHistory(h) {
    openPanel();
    $("panel-back").hidden = true;
    const body = $("panel-body");
    body.replaceChildren();
    body.append(el("h3", "", h.admin2), el("div", "where", h.admin1 + " province · history counting " + h.counting));
    const idx = currentIndex(h.states);
    const cur = h.states[idx];
    if (cur) {
      const now = el("div", "now");
      now.append(el("span", "sw " + cur.display), el("span", "ctrl", controllerLabel(cur.controller, cur.display)));
      now.append(el("span", "muted", "on " + fmtDate(state.date)), badge(cur.claim_status));
      body.append(now);
    }
    const ol = el("ol", "states");
    h.states.forEach((s, i) => {
      const li = el("li", "state " + s.display + (i === idx ? " current" : "") + ((s.since || "") > state.date ? " future" : ""));
      li.dataset.since = s.since || "";
      const head = el("div", "state-head");
      head.append(el("span", "state-date", fmtDate(s.since)), el("span", "ctrl", controllerLabel(s.controller, s.display)));
      head.append(el("span", "muted", s.status), badge(s.claim_status));
      li.append(head);
      // What the state rests on (basis, and a baseline's citation), from the control timeline.
      if (!s.events.length) li.append(el("div", "muted state-basis", s.basis === "baseline" ? "Baseline: " + (s.source || "theatre assessment") : s.basis === "none" ? "No information: no report about this district yet." : "No evidence event recorded."));
      else if (s.basis && s.basis !== "event") li.append(el("div", "muted state-basis", "Rests on: a " + s.basis + "-wide report"));
      for (const ev of s.events) li.append(renderEventBlock(ev));
      ol.append(li);
    });
    body.append(ol);
  }

  function markCurrentState() {
    if (state.history) renderHistory(state.history);
  }

  function renderEventBlock(ev) {
    const box = el("div", "event-block");
    const counts = L.countsText(ev);
    const title = el("div", "muted", ev.sub_event_type + " · " + fmtDate(ev.event_date) + (counts ? " · " + counts : "") + (ev.corroboration ? " · " + ev.corroboration + " independent account" + (ev.corroboration === 1 ? "" : "s") : ""));
    box.append(title);
    if (ev.claim_status_why) box.append(W.eventWhy(ev));
    const roles = {};
    for (const r of ev.reports || []) {
      const rep = el("div", "report" + (r.role === "contradicts" ? " contradicts" : ""));
      rep.append(el("blockquote", "evidence", r.evidence));
      if (r.sources && r.sources.length) {
        const ul = el("ul", "sources");
        for (const s of r.sources) {
          const li = el("li", "source");
          li.append(el("span", "source-name", s.name));
          if (s.role) li.append(el("span", "role", ", " + s.role));
          ul.append(li);
        }
        rep.append(ul);
      } else {
        rep.append(el("div", "sources muted", "No named source"));
      }
      const foot = el("div", "report-foot");
      foot.append(badge(r.claim_status));
      if (r.role === "contradicts") foot.append(el("span", "", "contradicts"));
      if (r.hedge) foot.append(el("span", "", "cue: “" + r.hedge + "”"));
      const meta = [r.outlet, r.published ? fmtDate(r.published) : null].filter(Boolean).join(" · ");
      if (meta) foot.append(el("span", "", meta));
      const link = el("button", "linkbtn article-link", "Read article");
      link.type = "button";
      link.addEventListener("click", () => openArticle(r.article_id, r.evidence_start, r.evidence_end));
      foot.append(link);
      rep.append(foot);
      rep.append(W.reportWhy(r));
      box.append(rep);
      roles[r.role] = true;
    }
    return box;
  }

  async function openArticle(id, evStart, evEnd) {
    const saved = state.history;
    openPanel();
    const body = $("panel-body");
    body.replaceChildren(el("p", "muted", "Loading article…"));
    const back = $("panel-back");
    back.hidden = false;
    back.onclick = () => { back.hidden = true; if (saved) renderHistory(saved); else if (state.event) showEvent(state.event); };
    let a;
    try { a = await api("/api/articles/" + enc(id)); } catch (e) { body.replaceChildren(el("p", "muted", "Could not load the article: " + e.message)); return; }
    const box = el("article", "article");
    box.append(el("h3", "article-title", a.title || "(untitled article)"));
    const meta = el("div", "meta");
    meta.append(document.createTextNode([a.outlet, a.published ? fmtDate(a.published) : null, a.dateline].filter(Boolean).join(" · ")));
    box.append(meta);
    if (a.url && /^https?:\/\//i.test(a.url)) {
      const link = el("a", "", a.url);
      link.href = a.url;
      link.rel = "noopener noreferrer nofollow";
      link.target = "_blank";
      const p = el("p", "meta");
      p.append(document.createTextNode("Source: "), link);
      box.append(p);
    }
    const text = a.text || "";
    const marks = (a.reports || [])
      .filter((r) => Number.isInteger(r.evidence_start) && Number.isInteger(r.evidence_end) && r.evidence_end > r.evidence_start)
      .map((r) => [r.evidence_start, r.evidence_end, r.evidence_start === evStart && r.evidence_end === evEnd]);
    let offset = 0;
    let first = null;
    for (const para of text.split(/\n\s*\n/)) {
      const start = text.indexOf(para, offset);
      const end = start + para.length;
      offset = end;
      if (!para.trim()) continue;
      const p = el("p", "article-text");
      let pos = start;
      for (const [s, e, chosen] of marks.filter((m) => m[0] >= start && m[1] <= end).sort((x, y) => x[0] - y[0])) {
        if (s < pos) continue;
        p.append(document.createTextNode(text.slice(pos, s)));
        const m = el("mark", chosen ? "chosen" : "", text.slice(s, e));
        if (chosen && !first) first = m;
        p.append(m);
        pos = e;
      }
      p.append(document.createTextNode(text.slice(pos, end)));
      box.append(p);
    }
    body.replaceChildren(box);
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  async function showEvent(id) {
    let ev;
    try { ev = await api("/api/events/" + enc(id)); } catch (e) { renderPanelError(e.message); return; }
    state.event = id;
    openPanel();
    $("panel-back").hidden = true;
    const body = $("panel-body");
    body.replaceChildren(el("h3", "", ev.sub_event_type));
    const where = [ev.location, ev.admin2, ev.admin1].filter((x, i, a) => x && a.indexOf(x) === i).join(", ");
    body.append(el("div", "where", (where || "Place unknown") + " · " + fmtDate(ev.event_date)));
    const actors = [ev.actor1, ev.actor2].filter(Boolean).join(" vs ");
    if (actors) body.append(el("p", "muted", actors));
    const counts = el("div", "ev-counts panel-counts");
    counts.append(el("span", "", ev.fatalities == null ? "Killed: not reported" : "Killed: " + ev.fatalities), el("span", "", ev.detained == null ? "Detained: not reported" : "Detained: " + ev.detained));
    body.append(counts);
    body.append(renderEventBlock(ev));
    // The event's own reasons are shown open; in a district's history they stay folded.
    for (const d of body.querySelectorAll("details.why-report")) d.open = true;
    if (ev.admin1 && ev.admin2 && state.features.has(ev.admin1 + "/" + ev.admin2)) {
      const btn = el("button", "linkbtn", "District history →");
      btn.type = "button";
      btn.addEventListener("click", () => selectDistrict(ev.admin1 + "/" + ev.admin2, true));
      body.append(btn);
    }
    return ev;
  }

  function highlight(ev) {
    clearFlash();
    const key = ev.admin1 && ev.admin2 ? ev.admin1 + "/" + ev.admin2 : null;
    const f = key && state.features.get(key);
    if (f) { f.path.classList.add("flash"); f.path.parentNode.appendChild(f.path); }
    let pt = null;
    if (typeof ev.latitude === "number" && typeof ev.longitude === "number") pt = px(ev.longitude, ev.latitude);
    else if (f) pt = [(f.bbox[0] + f.bbox[2]) / 2, (f.bbox[1] + f.bbox[3]) / 2];
    if (pt) {
      const ring = sv("circle", { cx: pt[0].toFixed(2), cy: pt[1].toFixed(2), class: "pin-ring" });
      ring.dataset.r = 14;
      const dot = sv("circle", { cx: pt[0].toFixed(2), cy: pt[1].toFixed(2), class: "pin-dot" });
      dot.dataset.r = 4;
      dot.id = "event-pin";
      layers.pins.replaceChildren(ring, dot);
      // Bring the place into view if it is outside the current view.
      if (pt[0] < view.x || pt[0] > view.x + view.w || pt[1] < view.y || pt[1] > view.y + view.h) {
        view.x = pt[0] - view.w / 2;
        view.y = pt[1] - view.h / 2;
      }
      applyView();
    }
  }

  async function selectEvent(id) {
    state.event = id;
    if (eventLayer) { eventLayer.selected = id; scheduleOverlays(); }
    for (const li of document.querySelectorAll(".ev")) li.classList.toggle("active", li.dataset.id === id);
    const ev = state.events.find((e) => e.event_id === id);
    if (ev) highlight(ev);
    writeHash();
    await showEvent(id);
  }

  // --- URL state ------------------------------------------------------------------------
  function readHash() {
    const h = new URLSearchParams(location.hash.replace(/^#/, ""));
    const out = {};
    const d = h.get("date");
    if (validDate(d) && d >= state.start && d <= state.end) out.date = d;
    const c = h.get("counting");
    if (c && state.meta.countings.includes(c)) out.counting = c;
    const k = h.get("district");
    if (k) out.district = k;
    const e = h.get("event");
    if (e) out.event = e;
    const t = h.get("type");
    if (t && state.meta.sub_event_types.includes(t)) out.type = t;
    const st = h.get("status");
    if (st && state.meta.claim_statuses.includes(st)) out.status = st;
    if (h.get("mine") === "1") out.mine = true;
    if (h.get("events") === "0") out.hideEvents = true;
    const sp = Number(h.get("speed"));
    if ([0.5, 1, 2, 4].includes(sp)) out.speed = sp;
    const v = (h.get("view") || "").split(",").map(Number);
    if (v.length === 3 && v.every(Number.isFinite) && v[2] > 0 && v[2] <= 64) out.view = v;
    return out;
  }
  let hashTimer = null;
  function writeHash() {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(() => {
      const parts = ["date=" + state.date, "counting=" + enc(state.counting)];
      if (state.district) parts.push("district=" + state.district.split("/").map(enc).join("/"));
      if (state.event) parts.push("event=" + enc(state.event));
      if ($("filter-type").value) parts.push("type=" + enc($("filter-type").value));
      if ($("filter-status").value) parts.push("status=" + enc($("filter-status").value));
      if ($("filter-district").checked) parts.push("mine=1");
      if (!$("show-events").checked) parts.push("events=0");
      if (state.speed !== 1) parts.push("speed=" + state.speed);
      if (view.home && Math.abs(zoomFactor() - 1) > 0.01) {
        const [lon, lat] = unpx(view.x + view.w / 2, view.y + view.h / 2);
        parts.push("view=" + lon.toFixed(3) + "," + lat.toFixed(3) + "," + zoomFactor().toFixed(2));
      }
      const hash = "#" + parts.join("&");
      if (location.hash !== hash) history.replaceState(null, "", hash);
    }, 60);
  }

  // --- time -------------------------------------------------------------------------------
  function setDate(iso, opts) {
    state.date = iso;
    $("date").value = String(Math.round((toDay(iso) - toDay(state.start)) / DAY));
    $("date-label").textContent = fmtDate(iso);
    $("legend-date").textContent = fmtDate(iso);
    writeHash();
    return refresh(opts);
  }
  function stepDay(n) {
    const next = fromDay(toDay(state.date) + n * DAY);
    if (next < state.start || next > state.end) return null;
    return setDate(next);
  }
  // Replay: one day, then wait for the page to show it (map, list and heading together),
  // then the rest of the day's interval at the chosen speed, then the next day.
  let timer = null;
  let playRun = 0;
  function setPlaying(on) {
    state.playing = on;
    $("play").setAttribute("aria-label", on ? "Pause" : "Play");
    $("play").title = on ? "Pause" : "Replay day by day";
    $("play-icon").setAttribute("d", on ? "M3 1.5h3v11H3zM8 1.5h3v11H8z" : "M3 1.5v11l9-5.5z");
    clearTimeout(timer);
    const run = ++playRun;
    if (!on) return;
    const tick = async () => {
      if (run !== playRun) return;
      const started = performance.now();
      const shown = stepDay(1);
      if (!shown) { setPlaying(false); return; }
      await shown;
      if (run !== playRun) return;
      const wait = Math.max(0, PLAY_MS / state.speed - (performance.now() - started));
      timer = setTimeout(tick, wait);
    };
    if (state.date >= state.end) setDate(state.start).then(() => { timer = setTimeout(tick, PLAY_MS / state.speed); });
    else timer = setTimeout(tick, 0);
  }
  function drawTicks() {
    const ticks = $("ticks");
    ticks.replaceChildren();
    const s = toDay(state.start), e = toDay(state.end);
    const d = new Date(s);
    d.setUTCDate(1);
    while (d.getTime() <= e) {
      if (d.getTime() >= s) {
        const t = el("span", "", d.toLocaleDateString("en-GB", { month: "short", timeZone: "UTC" }));
        t.style.left = ((100 * (d.getTime() - s)) / (e - s)).toFixed(2) + "%";
        ticks.append(t);
      }
      d.setUTCMonth(d.getUTCMonth() + 1);
    }
  }

  // --- start ------------------------------------------------------------------------------
  async function start() {
    renderLegend();
    setupPanZoom();
    let meta;
    try {
      meta = await api("/api/meta");
    } catch (e) {
      $("loading").textContent = "Could not reach the Frontlines API: " + e.message;
      $("loading").classList.add("error");
      return;
    }
    state.meta = meta;
    state.start = meta.period.start || state.start;
    state.end = meta.period.end || state.end;
    $("subtitle").textContent = meta.country + " · " + fmtDate(state.start) + " – " + fmtDate(state.end);
    const slider = $("date");
    slider.min = "0";
    slider.max = String(Math.round((toDay(state.end) - toDay(state.start)) / DAY));
    drawTicks();
    for (const t of meta.sub_event_types) $("filter-type").append(new Option(t, t));
    for (const s of meta.claim_statuses) $("filter-status").append(new Option(s, s));

    const fromHash = readHash();
    if (fromHash.type) $("filter-type").value = fromHash.type;
    if (fromHash.status) $("filter-status").value = fromHash.status;
    if (fromHash.mine) $("filter-district").checked = true;
    if (fromHash.hideEvents) $("show-events").checked = false;
    if (fromHash.speed) { state.speed = fromHash.speed; $("speed").value = String(fromHash.speed); }
    state.labels.neighbours = meta.neighbours || [];
    // On a phone the key would push the panel and the list down: it starts folded there.
    if (window.matchMedia("(max-width: 860px)").matches) $("legend").open = false;
    L.renderKey($("legend-points"), $("legend-events"));
    eventLayer = new L.EventLayer({
      layer: null,
      px, toScreen, unitsPerPx, viewBounds, pxPerDegree, fmtDate,
      districtCenter: (key) => { const f = state.features.get(key); return f ? f.center : null; },
      onSelect: (id) => selectEvent(id),
      onZoomTo: (lon, lat, f) => setView(lon, lat, Math.min(zoomFactor() * f, 40), true),
      showTip: (e, t, sub) => showTip(e, t, sub),
      hideTip: () => { $("tooltip").hidden = true; },
    });
    const latest = meta.latest_date && meta.latest_date <= state.end && meta.latest_date >= state.start ? meta.latest_date : state.end;
    state.date = fromHash.date || (meta.default_date && meta.default_date <= latest ? meta.default_date : latest);
    state.counting = fromHash.counting || meta.default_counting;
    $("counting").value = state.counting;

    const [fc, provinces] = await Promise.all([
      api("/api/control?date=" + enc(state.date) + "&counting=" + enc(state.counting)),
      api("/api/provinces").catch(() => null),
    ]);
    drawDistricts(fc);
    eventLayer.ctx.layer = layers.events;
    if (provinces) drawProvinces(provinces);
    applyStates(fc);
    $("loading").hidden = true;
    await setDate(state.date);
    if (fromHash.view) setView(fromHash.view[0], fromHash.view[1], fromHash.view[2]);
    if (fromHash.district && state.features.has(fromHash.district)) {
      // A shared district is outlined and brought into view (unless the link also says where to look).
      if (!fromHash.view) zoomToBox(state.features.get(fromHash.district).bbox);
      await selectDistrict(fromHash.district, false);
    }
    if (fromHash.event) {
      const ev = state.events.find((e) => e.event_id === fromHash.event);
      if (ev) await selectEvent(ev.event_id);
    }

    slider.addEventListener("input", () => {
      const iso = fromDay(toDay(state.start) + Number(slider.value) * DAY);
      if (iso !== state.date) setDate(iso);
    });
    $("play").addEventListener("click", () => setPlaying(!state.playing));
    $("prev-day").addEventListener("click", () => stepDay(-1));
    $("next-day").addEventListener("click", () => stepDay(1));
    $("speed").addEventListener("change", () => { state.speed = Number($("speed").value) || 1; writeHash(); });
    $("show-events").addEventListener("change", () => { writeHash(); scheduleOverlays(); });
    $("counting").addEventListener("change", () => {
      state.counting = $("counting").value;
      writeHash();
      refresh().then(() => { if (state.district) selectDistrict(state.district, false); });
    });
    for (const id of ["filter-type", "filter-status", "filter-district"]) $(id).addEventListener("change", () => { writeHash(); loadEvents(); });
    $("panel-close").addEventListener("click", closePanel);
    $("events").addEventListener("click", (e) => {
      const li = e.target.closest(".ev");
      if (li && li.dataset.id) selectEvent(li.dataset.id);
    });
    $("events").addEventListener("keydown", (e) => {
      const li = e.target.closest(".ev");
      if (li && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); selectEvent(li.dataset.id); }
    });
    document.addEventListener("keydown", (e) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === "Escape") closePanel();
      else if (e.key === "ArrowRight") stepDay(1);
      else if (e.key === "ArrowLeft") stepDay(-1);
    });
    window.addEventListener("hashchange", () => {
      const h = readHash();
      if (h.counting && h.counting !== state.counting) { state.counting = h.counting; $("counting").value = h.counting; }
      if (h.date && h.date !== state.date) setDate(h.date);
      if (h.district && h.district !== state.district) selectDistrict(h.district, false);
    });
    let resizeTimer = null;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        if (view.bounds) fitView(view.bounds);
      }, 150);
    });
    document.body.dataset.ready = "true";
  }

  start().catch((e) => {
    $("loading").hidden = false;
    $("loading").textContent = "The map could not load: " + e.message;
    $("loading").classList.add("error");
  });
})();
