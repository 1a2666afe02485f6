/* Frontlines map layers over the districts, as Leaflet markers: events (clustered with
 * the vendored Supercluster) and place labels placed without overlaps.
 *
 * Both are rebuilt after every change of view (Leaflet's moveend); Leaflet keeps them
 * in place while the map pans and zooms.  Event text is hostile input: it only ever
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
   * ctx: {map (Leaflet), group (a Leaflet layer group for the markers),
   *       districtCenter(key), onSelect(id), onZoomTo(lon, lat, leafletZoom),
   *       showTip(e,title,sub), hideTip(), fmtDate(iso)}
   * Each visible cluster or event is a Leaflet marker whose icon is a small inline SVG.
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
    this.index = new window.Supercluster({
      radius: 26,
      maxZoom: 14,
      map: (p) => ({ fatalities: p.fatalities || 0, detained: p.detained || 0, fresh: p.event_date === today ? 1 : 0 }),
      reduce: (a, b) => { a.fatalities += b.fatalities; a.detained += b.detained; a.fresh += b.fresh; },
    });
    this.index.load(points);
    this.render();
  };
  /** Supercluster's zoom: its world is 512 pixels wide at zoom 0, Leaflet's is 256. */
  EventLayer.prototype.zoom = function () {
    return Math.max(0, this.ctx.map.getZoom() - 1);
  };
  function iconFor(g, reach) {
    const size = Math.ceil(2 * reach + 4);
    const s = sv("svg", { width: size, height: size, viewBox: [-size / 2, -size / 2, size, size].join(" "), class: "ev-svg" });
    s.appendChild(g);
    return window.L.divIcon({ html: s, className: "ev-icon", iconSize: [size, size] });
  }
  EventLayer.prototype.render = function () {
    const ctx = this.ctx;
    const map = ctx.map;
    ctx.group.clearLayers();
    this.boxes = [];
    if (!this.index) return;
    const b = map.getBounds();
    const zoom = this.zoom();
    const items = this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.floor(zoom));
    // Biggest first, so that small marks stay on top and clickable.
    items.sort((x, y) => (y.properties.fatalities || 0) - (x.properties.fatalities || 0));
    items.forEach((f, order) => {
      const [lon, lat] = f.geometry.coordinates;
      const pt = map.latLngToContainerPoint([lat, lon]);
      const p = f.properties;
      const g = sv("g");
      let reach;
      let tip;
      let onClick;
      if (p.cluster) {
        const r = Math.min(10 + 3.2 * Math.log2(p.point_count), 24);
        reach = r + (p.fresh ? 8 : 2);
        g.setAttribute("class", "evc" + (p.fresh ? " fresh" : ""));
        g.dataset.count = p.point_count;
        g.dataset.fatalities = p.fatalities;
        if (p.fresh) g.appendChild(sv("circle", { r: r + 6, class: "evm-flash" }));
        g.appendChild(sv("circle", { r, class: "evc-disc" }));
        const t = sv("text", { class: "evc-n", "text-anchor": "middle", dy: "0.35em" });
        t.textContent = String(p.point_count);
        g.appendChild(t);
        tip = ["Cluster of events", p.point_count + " events · " + p.fatalities + " killed · " + p.detained + " detained · click to zoom in"];
        // Leaflet's zoom where this cluster splits (Supercluster's plus one), a touch more.
        onClick = () => ctx.onZoomTo(lon, lat, this.index.getClusterExpansionZoom(p.cluster_id) + 1.05);
        this.boxes.push([pt.x - r, pt.y - r, pt.x + r, pt.y + r]);
      } else {
        const shape = SHAPES[p.event_type] || "circle";
        const r = radiusFor(p.fatalities);
        reach = r * 1.35 + (p.event_date === this.today ? 9 : 2);
        g.setAttribute("class", "evm " + shape + (p.event_date === this.today ? " fresh" : "") + (p.event_id === this.selected ? " chosen" : ""));
        g.dataset.id = p.event_id;
        g.dataset.fatalities = p.fatalities == null ? "" : p.fatalities;
        if (p.event_date === this.today) g.appendChild(sv("circle", { r: r + 7, class: "evm-flash" }));
        g.appendChild(sv("path", { d: shapePath(shape, r), class: "evm-shape" }));
        const place = [p.location, p.admin2, p.admin1].filter((v, i, a) => v && a.indexOf(v) === i).join(", ");
        const counts = countsText(p);
        tip = [p.sub_event_type, ctx.fmtDate(p.event_date) + " · " + (place || "place unknown") + (counts ? " · " + counts : "") + " · " + p.claim_status];
        onClick = () => ctx.onSelect(p.event_id);
        const box = r * 1.2;
        this.boxes.push([pt.x - box, pt.y - box, pt.x + box, pt.y + box]);
      }
      const marker = window.L.marker([lat, lon], { icon: iconFor(g, reach), keyboard: false, zIndexOffset: order * 1000 });
      marker.on("mousemove", (e) => ctx.showTip(e.originalEvent, tip[0], tip[1]));
      marker.on("mouseout", () => ctx.hideTip());
      marker.on("click", onClick);
      ctx.group.addLayer(marker);
    });
    map.getContainer().dataset.eventZoom = zoom.toFixed(2);
  };

  // --- labels -----------------------------------------------------------------------------
  let measurer = null;
  /** Width in pixels of a label as the page will draw it (canvas text metrics). */
  function textWidth(c) {
    if (!measurer) measurer = document.createElement("canvas").getContext("2d");
    const family = getComputedStyle(document.body).fontFamily || "sans-serif";
    measurer.font = (c.cls.indexOf("district") >= 0 || c.cls === "country" ? "italic " : "") + "800 " + c.size + "px " + family;
    const text = c.upper ? c.text.toUpperCase() : c.text;
    const spacing = c.upper ? 0.12 * c.size * text.length : 0;
    return measurer.measureText(text).width + spacing;
  }
  /**
   * candidates: [{text, lon, lat, cls, size (px), priority (lower first), minZoom (view
   * factor over the country view), anchor: "middle" | "side"}]
   * Placed greedily by priority in screen space; a label that would overlap one already
   * placed (or a capital's marker) is tried on other sides, then dropped.  Each placed
   * label is a Leaflet marker (a divIcon holding its text) in the "labels" pane.
   */
  function placeLabels(group, candidates, ctx) {
    const map = ctx.map;
    const factor = ctx.zoomFactor();
    const size = map.getSize();
    const boxes = (ctx.reserved || []).slice();
    const obstacles = ctx.obstacles || [];
    const meets = (b, list) => list.some((o) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]);
    const hit = (b) => meets(b, boxes) || meets(b, obstacles);
    const sorted = candidates.filter((c) => factor >= (c.minZoom || 0)).sort((a, b) => a.priority - b.priority);
    const screen = (c) => map.latLngToContainerPoint([c.lat, c.lon]);
    for (const c of sorted) if (c.marker) {
      const p = screen(c);
      boxes.push([p.x - 5, p.y - 5, p.x + 5, p.y + 5]);
    }
    group.clearLayers();
    for (const c of sorted) {
      const { x: sx, y: sy } = screen(c);
      if (sx < -50 || sy < -20 || sx > size.x + 50 || sy > size.y + 20) continue;
      const w = Math.ceil(textWidth(c) + 6);
      const h = Math.ceil(c.size * 1.3);
      const tries = c.anchor === "side"
        ? [[sx + 7, sy - h / 2, "start"], [sx - 7 - w, sy - h / 2, "end"], [sx - w / 2, sy - 8 - h, "middle"], [sx - w / 2, sy + 8, "middle"]]
        : [[sx - w / 2, sy - h / 2, "middle"], [sx - w / 2, sy - 1.5 * h, "middle"], [sx - w / 2, sy + 0.5 * h, "middle"]];
      const fits = (box) => box[0] >= 0 && box[1] >= 0 && box[2] <= size.x && box[3] <= size.y;
      // First a place clear of labels and markers; countries, the national capital and
      // provinces may then sit over a marker (with a halo) rather than vanish.
      let chosen = tries.find(([bx, by]) => { const b = [bx, by, bx + w, by + h]; return fits(b) && !hit(b); });
      if (!chosen && c.priority <= 2) chosen = tries.find(([bx, by]) => { const b = [bx, by, bx + w, by + h]; return fits(b) && !meets(b, boxes); });
      if (!chosen) continue;
      const [bx, by, align] = chosen;
      boxes.push([bx, by, bx + w, by + h]);
      const text = document.createElement("span");
      text.textContent = c.text;
      const icon = window.L.divIcon({ html: text, className: "maplabel " + c.cls + " align-" + align, iconSize: [w, h], iconAnchor: [0, 0] });
      const at = map.containerPointToLatLng([Math.round(bx), Math.round(by)]);
      const label = window.L.marker(at, { icon, pane: "labels", interactive: false, keyboard: false });
      group.addLayer(label);
      const node = label.getElement();
      if (node) node.style.fontSize = c.size + "px";
    }
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
