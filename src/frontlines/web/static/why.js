/* Frontlines why-panels: the choices behind an event, in plain words.
 *
 * Each report keeps the resolutions its resolvers made (place, date, actor: what the
 * text said, what was chosen, why, and what else was possible) and why it has its claim
 * status; the fused event keeps how its claim status follows from its reports.  Report
 * text is hostile: it only reaches the page through textContent.
 */
"use strict";

(function () {
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fmtDate(iso) {
    const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }

  function prettyPlace(key) {
    if (!key) return "nothing";
    const parts = String(key).split("/");
    if (parts.length > 1 && /^[A-Z]{2}$/.test(parts[0])) parts.shift();
    const out = parts.reverse().map((p) => {
      const m = /^([a-z_]+):(.*)$/.exec(p);
      return m ? m[2] + " (" + m[1].replace("_", " ") + ")" : p;
    });
    return out.join(", ");
  }
  const STAGE_LABEL = { place: "Place", date: "Date", actor: "Actor" };
  function resolutionLine(r) {
    const li = el("li", "why-" + r.stage);
    li.append(el("strong", "", (STAGE_LABEL[r.stage] || r.stage) + ": "));
    const chosen = r.stage === "place" ? prettyPlace(r.chosen) : r.stage === "date" && r.chosen ? fmtDate(r.chosen) : (r.chosen || "nothing");
    const said = r.mention ? "“" + r.mention + "” was read as " + chosen : "No expression in the text; chose " + chosen;
    li.append(document.createTextNode(said + ", because: " + r.reason + "."));
    if (r.alternatives && r.alternatives.length) {
      li.append(el("div", "muted", "Also possible: " + r.alternatives.map(r.stage === "place" ? prettyPlace : String).join("; ") + "."));
    }
    return li;
  }
  function reportWhy(r, actors) {
    const box = el("details", "why-report");
    box.append(el("summary", "", "Why this place, date, actors and status"));
    const ul = el("ul", "why-list");
    const res = r.resolutions || [];
    for (const x of res) ul.append(resolutionLine(x));
    if (!res.some((x) => x.stage === "place")) ul.append(el("li", "why-place", "Place: no place name in the evidence was resolved."));
    if (!res.some((x) => x.stage === "date")) ul.append(el("li", "why-date", "Date: no date choice was recorded."));
    if (!res.some((x) => x.stage === "actor")) {
      const who = [r.actor1, r.actor2].filter(Boolean).join(" and ");
      ul.append(el("li", "why-actor", "Actors: " + (who ? who + ", named or implied by the words of the evidence and its sources (no alias had to be chosen)." : "none named in the evidence.")));
    }
    if (r.status_why) ul.append(el("li", "why-status", r.status_why));
    box.append(ul);
    return box;
  }
  function eventWhy(ev) {
    const box = el("div", "why");
    box.append(el("div", "why-title", "Why " + String(ev.claim_status).toUpperCase()));
    const ol = el("ol", "why-claim");
    for (const line of ev.claim_status_why || []) ol.append(el("li", "", line));
    box.append(ol);
    return box;
  }

  window.FrontlinesWhy = { reportWhy, eventWhy, prettyPlace };
})();
