/* Frontlines map layers drawn over the districts: event markers (clustered with the
 * vendored Supercluster) and place labels placed without overlaps.
 *
 * Both are redrawn in screen units on every change of view, so a marker or a label
 * keeps its size in pixels at any zoom.  Event text is hostile input: it only ever
 * reaches the page through textContent.
 */
"use strict";

(function () {
  const SVGNS = "http://www.w3.org/2000/svg";

  function sv(tag, attrs) {
    const node = document.createElementNS(SVGNS, tag);
    for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
    return node;
  }

  // --- symbols: one shape per ACLED event type, size by fatalities ----------------------
  const SHAPES = {
    "Battles": "circle",
    "Explosions/Remote violence": "star",
    "Violence against civilians": "triangle",
    "Strategic developments": "square",
    "Protests": "diamond",
    "Riots": "hexagon",
  };
  const TYPE_LABEL = {
    "Battles": "Battle",
    "Explosions/Remote violence": "Explosion / remote violence",
    "Violence against civilians": "Violence against civilians",
    "Strategic developments": "Strategic development",
    "Protests": "Protest",
    "Riots": "Riot",
  };

  /** Radius in pixels: a small mark for no deaths, growing with the square root of
   * fatalities so that area, not width, follows the count. */
  function radiusFor(fatalities) {
    const n = Number(fatalities) || 0;
    return Math.min(4.5 + 2 * Math.sqrt(n), 16);
  }

  function shapePath(shape, r) {
    const pts = (n, rot, rr) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const a = rot + (i * 2 * Math.PI) / n;
        const rad = rr ? rr[i % rr.length] : r;
        out.push([rad * Math.cos(a), rad * Math.sin(a)]);
      }
      return "M" + out.map((p) => p[0].toFixed(2) + " " + p[1].toFixed(2)).join("L") + "Z";
    };
    switch (shape) {
      case "star": return pts(16, -Math.PI / 2, [r * 1.25, r * 0.55]);
      case "triangle": return pts(3, Math.PI / 2, [r * 1.25]);
      case "square": return pts(4, Math.PI / 4, [r * 1.2]);
      case "diamond": return pts(4, 0, [r * 1.3]);
      case "hexagon": return pts(6, 0, [r * 1.1]);
      default: return "M" + -r + " 0a" + r + " " + r + " 0 1 0 " + 2 * r + " 0a" + r + " " + r + " 0 1 0 " + -2 * r + " 0Z";
    }
  }

  /** A standalone <svg> of one symbol, for the legend and the event list. */
  function symbolIcon(eventType, fatalities, size) {
    const r = radiusFor(fatalities);
    const s = size || Math.ceil(2 * r * 1.35 + 4);
    const icon = sv("svg", { width: s, height: s, viewBox: [-s / 2, -s / 2, s, s].join(" "), "aria-hidden": "true", class: "sym" });
    icon.appendChild(sv("path", { d: shapePath(SHAPES[eventType] || "circle", r), class: "evm-shape" }));
    return icon;
  }

  function countsText(p) {
    const parts = [];
    if (p.fatalities != null) parts.push(p.fatalities + " killed");
    if (p.detained != null) parts.push(p.detained + " detained");
    return parts.join(" · ");
  }

  // --- events -----------------------------------------------------------------------------
  /**
   * ctx: {layer, px(lon,lat), unitsPerPx(), viewBounds() -> [minLon,minLat,maxLon,maxLat],
   *       pxPerDegree(), districtCenter(key), onSelect(id), onZoomTo(lon,lat,factor),
   *       showTip(e,title,sub), hideTip(), fmtDate(iso)}
   */
  function EventLayer(ctx) {
    this.ctx = ctx;
    this.index = null;
    this.today = null;
    this.selected = null;
    this.boxes = [];
  }
  EventLayer.prototype.setEvents = function (events, today) {
    const points = [];
    for (const ev of events) {
      let lon = ev.longitude, lat = ev.latitude;
      if (typeof lon !== "number" || typeof lat !== "number") {
        const c = ev.admin1 && ev.admin2 ? this.ctx.districtCenter(ev.admin1 + "/" + ev.admin2) : null;
        if (!c) continue;
        [lon, lat] = c;
      }
      points.push({ type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties: ev });
    }
    this.today = today;
    this.count = points.length;
    // Supercluster's zoom is Web Mercator's: a 512-pixel world at zoom 0.
    this.index = new window.Supercluster({
      radius: 26,
      maxZoom: 14,
      map: (p) => ({ fatalities: p.fatalities || 0, detained: p.detained || 0, fresh: p.event_date === today ? 1 : 0 }),
      reduce: (a, b) => { a.fatalities += b.fatalities; a.detained += b.detained; a.fresh += b.fresh; },
    });
    this.index.load(points);
    this.render();
  };
  EventLayer.prototype.zoom = function () {
    return Math.max(0, Math.log2((this.ctx.pxPerDegree() * 360) / 512));
  };
  EventLayer.prototype.render = function () {
    const ctx = this.ctx;
    const layer = ctx.layer;
    if (!this.index) { layer.replaceChildren(); return; }
    const s = ctx.unitsPerPx();
    const b = ctx.viewBounds();
    const zoom = this.zoom();
    const items = this.index.getClusters(b, Math.floor(zoom));
    const frag = document.createDocumentFragment();
    this.boxes = [];
    // Biggest first, so that small marks stay on top and clickable.
    items.sort((x, y) => (y.properties.fatalities || 0) - (x.properties.fatalities || 0));
    for (const f of items) {
      const [lon, lat] = f.geometry.coordinates;
      const [x, y] = ctx.px(lon, lat);
      const [sx, sy] = ctx.toScreen(lon, lat);
      const reach = f.properties.cluster ? Math.min(10 + 3.2 * Math.log2(f.properties.point_count), 24) : radiusFor(f.properties.fatalities) * 1.2;
      this.boxes.push([sx - reach, sy - reach, sx + reach, sy + reach]);
      const g = sv("g", { transform: "translate(" + x.toFixed(3) + " " + y.toFixed(3) + ") scale(" + s.toFixed(5) + ")" });
      const p = f.properties;
      if (p.cluster) {
        const r = Math.min(10 + 3.2 * Math.log2(p.point_count), 24);
        g.setAttribute("class", "evc" + (p.fresh ? " fresh" : ""));
        g.dataset.count = p.point_count;
        g.dataset.fatalities = p.fatalities;
        if (p.fresh) g.appendChild(sv("circle", { r: r + 6, class: "evm-flash" }));
        g.appendChild(sv("circle", { r, class: "evc-disc" }));
        const t = sv("text", { class: "evc-n", "text-anchor": "middle", dy: "0.35em" });
        t.textContent = String(p.point_count);
        g.appendChild(t);
        const sub = p.point_count + " events · " + p.fatalities + " killed · " + p.detained + " detained";
        g.addEventListener("pointermove", (e) => ctx.showTip(e, "Cluster of events", sub + " · click to zoom in"));
        g.addEventListener("pointerleave", () => ctx.hideTip());
        g.addEventListener("click", (e) => {
          e.stopPropagation();
          const z = this.index.getClusterExpansionZoom(p.cluster_id);
          ctx.onZoomTo(lon, lat, Math.pow(2, z - zoom) * 1.05);
        });
      } else {
        const shape = SHAPES[p.event_type] || "circle";
        const r = radiusFor(p.fatalities);
        g.setAttribute("class", "evm " + shape + (p.event_date === this.today ? " fresh" : "") + (p.event_id === this.selected ? " chosen" : ""));
        g.dataset.id = p.event_id;
        g.dataset.fatalities = p.fatalities == null ? "" : p.fatalities;
        if (p.event_date === this.today) g.appendChild(sv("circle", { r: r + 7, class: "evm-flash" }));
        g.appendChild(sv("path", { d: shapePath(shape, r), class: "evm-shape" }));
        const place = [p.location, p.admin2, p.admin1].filter((v, i, a) => v && a.indexOf(v) === i).join(", ");
        const counts = countsText(p);
        const sub = ctx.fmtDate(p.event_date) + " · " + (place || "place unknown") + (counts ? " · " + counts : "") + " · " + p.claim_status;
        g.addEventListener("pointermove", (e) => ctx.showTip(e, p.sub_event_type, sub));
        g.addEventListener("pointerleave", () => ctx.hideTip());
        g.addEventListener("click", (e) => { e.stopPropagation(); ctx.onSelect(p.event_id); });
      }
      frag.appendChild(g);
    }
    layer.replaceChildren(frag);
    layer.dataset.zoom = zoom.toFixed(2);
  };

  // --- labels -----------------------------------------------------------------------------
  /**
   * candidates: [{text, lon, lat, cls, size (px), priority (lower first), minZoom (view
   * factor over the country view), anchor: "middle" | "side"}]
   * Placed greedily by priority in screen space; a label that would overlap one already
   * placed (or a capital's marker) is tried on the other side, then dropped.
   */
  function placeLabels(layer, candidates, ctx) {
    const s = ctx.unitsPerPx();
    const factor = ctx.zoomFactor();
    const rect = ctx.screenRect();
    const boxes = (ctx.reserved || []).slice();
    const obstacles = ctx.obstacles || [];
    const meets = (b, list) => list.some((o) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]);
    const hit = (b) => meets(b, boxes) || meets(b, obstacles);
    const frag = document.createDocumentFragment();
    const sorted = candidates.filter((c) => factor >= (c.minZoom || 0)).sort((a, b) => a.priority - b.priority);
    for (const c of sorted) if (c.marker) {
      const [sx, sy] = ctx.toScreen(c.lon, c.lat);
      boxes.push([sx - 5, sy - 5, sx + 5, sy + 5]);
    }
    for (const c of sorted) {
      const [sx, sy] = ctx.toScreen(c.lon, c.lat);
      if (sx < -50 || sy < -20 || sx > rect.width + 50 || sy > rect.height + 20) continue;
      const w = c.text.length * c.size * (c.upper ? 0.84 : 0.62) + 4;
      const h = c.size * 1.25;
      const tries = c.anchor === "side"
        ? [[sx + 7, sy - h / 2, "start"], [sx - 7 - w, sy - h / 2, "end"], [sx - w / 2, sy - 8 - h, "middle"], [sx - w / 2, sy + 8, "middle"]]
        : [[sx - w / 2, sy - h / 2, "middle"], [sx - w / 2, sy - 1.5 * h, "middle"], [sx - w / 2, sy + 0.5 * h, "middle"]];
      const fits = (box) => box[0] >= 0 && box[1] >= 0 && box[2] <= rect.width && box[3] <= rect.height;
      // First a place clear of labels and markers; countries, the national capital and
      // provinces may then sit over a marker (with a halo) rather than vanish.
      let chosen = tries.find(([bx, by]) => { const b = [bx, by, bx + w, by + h]; return fits(b) && !hit(b, c); });
      if (!chosen && c.priority <= 2) chosen = tries.find(([bx, by]) => { const b = [bx, by, bx + w, by + h]; return fits(b) && !meets(b, boxes); });
      if (!chosen) continue;
      const [bx, by, align] = chosen;
      boxes.push([bx, by, bx + w, by + h]);
      const ax = align === "start" ? bx : align === "end" ? bx + w : bx + w / 2;
      const [mx, my] = ctx.fromScreen(ax, by + h * 0.78);
      const t = sv("text", { x: mx.toFixed(3), y: my.toFixed(3), "text-anchor": align, class: "maplabel " + c.cls });
      t.style.fontSize = (c.size * s).toFixed(4) + "px";
      t.style.strokeWidth = (3 * s).toFixed(4) + "px";
      t.textContent = c.text;
      frag.appendChild(t);
    }
    layer.replaceChildren(frag);
  }

  // --- the map key ------------------------------------------------------------------------
  function legendItem(icon, text) {
    const li = document.createElement("li");
    const label = document.createElement("span");
    label.textContent = text;
    li.append(icon, label);
    return li;
  }
  function legendSvg(w, h, children) {
    const s = sv("svg", { width: w, height: h, "aria-hidden": "true" });
    for (const c of children) s.appendChild(c);
    return s;
  }
  /** The map key's lines for capitals, crossings and events, into two <ul>s. */
  function renderKey(pts, evs) {
    pts.replaceChildren(
      legendItem(legendSvg(26, 12, [sv("circle", { class: "lg-capital held", cx: 13, cy: 6, r: 4 })]), "Capital, government-held"),
      legendItem(legendSvg(26, 12, [sv("circle", { class: "lg-capital fallen", cx: 13, cy: 6, r: 4 })]), "Capital, government lost it"),
      legendItem(legendSvg(26, 12, [sv("circle", { class: "lg-capital contested", cx: 13, cy: 6, r: 4 })]), "Capital, contested"),
      legendItem(legendSvg(26, 12, [sv("circle", { class: "lg-capital uncertain", cx: 13, cy: 6, r: 4 })]), "Capital, unknown / unverified"),
      legendItem(legendSvg(26, 14, [sv("circle", { class: "lg-capital held cutoff", cx: 13, cy: 7, r: 4.5 })]), "Red ring: cut off from the capital by road"),
      legendItem(legendSvg(26, 12, [sv("rect", { class: "lg-crossing", x: 9, y: 2, width: 8, height: 8, transform: "rotate(45 13 6)" })]), "Border crossing, government-held"),
      legendItem(legendSvg(26, 12, [sv("rect", { class: "lg-crossing lost", x: 9, y: 2, width: 8, height: 8, transform: "rotate(45 13 6)" })]), "Border crossing, lost"),
    );
    const items = Object.keys(SHAPES).map((t) => legendItem(symbolIcon(t, 3, 22), TYPE_LABEL[t]));
    const sizes = legendSvg(44, 34, []);
    let x = 4;
    for (const n of [0, 10, 50]) {
      const r = radiusFor(n);
      const c = sv("circle", { cx: x + r, cy: 17, r, class: "evm-shape" });
      sizes.appendChild(c);
      x += 2 * r + 2;
    }
    sizes.setAttribute("width", String(x + 2));
    const cl = legendSvg(26, 24, [sv("circle", { cx: 13, cy: 12, r: 10, class: "evc-disc" })]);
    const n = sv("text", { x: 13, y: 12, dy: "0.35em", "text-anchor": "middle", class: "evc-n" });
    n.textContent = "5";
    cl.appendChild(n);
    const fresh = legendSvg(26, 24, [sv("circle", { cx: 13, cy: 12, r: 10, class: "evm-flash static" }), sv("circle", { cx: 13, cy: 12, r: 4.5, class: "evm-shape" })]);
    evs.replaceChildren(...items,
      legendItem(sizes, "Size: killed (0, 10, 50)"),
      legendItem(cl, "Cluster of events (click to zoom)"),
      legendItem(fresh, "Ring: event on the day shown"));
  }

  window.FrontlinesLayers = { EventLayer, placeLabels, symbolIcon, radiusFor, SHAPES, TYPE_LABEL, countsText, renderKey };
})();
