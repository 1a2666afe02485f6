/* Renders /openapi.json as a plain reference page, with no third-party viewer. */
"use strict";

(function () {
  function el(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  const EXAMPLES = {
    "/api/events": "/api/events?since=2021-06-01&until=2021-06-30&admin1=Kunduz&limit=5",
    "/api/control": "/api/control?date=2021-08-16&counting=reported&geometry=false",
    "/api/routes": "/api/routes?date=2021-08-16&counting=all",
    "/api/meta": "/api/meta",
    "/api/provinces": "/api/provinces",
    "/api/control/{admin2}/history": "/api/control/Imam%20Sahib/history?admin1=Kunduz",
  };

  async function main() {
    const root = document.getElementById("docs");
    const spec = await (await fetch("/openapi.json")).json();
    root.replaceChildren();
    root.append(el("p", "intro", (spec.info.summary || "") + " Version " + spec.info.version +
      ". Errors answer 4xx with {\"error\": message, \"type\": kind}. POST /api/articles needs " +
      "'Authorization: Bearer <token>' when the operator configured one; otherwise the API is read-only."));
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const box = el("section", "op");
        const head = el("div", "op-head");
        head.append(el("span", "method " + method, method), el("span", "path", path), el("span", "muted", op.summary || ""));
        box.append(head);
        if (op.description) box.append(el("p", "", op.description.replace(/``/g, "")));
        const params = op.parameters || [];
        if (params.length) {
          const t = el("table", "params");
          const hr = el("tr");
          hr.append(el("th", "", "parameter"), el("th", "", "in"), el("th", "", "required"));
          t.append(hr);
          for (const p of params) {
            const tr = el("tr");
            const name = el("td");
            name.append(el("code", "", p.name));
            tr.append(name, el("td", "", p.in), el("td", "", p.required ? "yes" : "no"));
            t.append(tr);
          }
          box.append(t);
        }
        if (method === "get" && EXAMPLES[path]) {
          const p = el("div", "try");
          const a = el("a", "", EXAMPLES[path]);
          a.href = EXAMPLES[path];
          p.append(document.createTextNode("Try: "), a);
          box.append(p);
        }
        root.append(box);
      }
    }
  }
  main().catch((e) => {
    document.getElementById("docs").replaceChildren(el("p", "muted", "Could not read /openapi.json: " + e.message));
  });
})();
