/* evkb explorer: draws data/graph.json with cytoscape (canvas, no WebGL) and lays it out
   in the browser with fcose. Labels are record text: they are drawn on the canvas or put
   in the DOM with textContent, never as HTML. Built to stay usable at a few thousand nodes:
   labels appear only when zoomed in or highlighted, edges hide while panning. */
(function () {
  "use strict";
  var root = document.getElementById("evkb-explorer");
  if (!root || typeof cytoscape === "undefined") { return; }
  var status = document.getElementById("evkb-x-status");
  document.getElementById("evkb-x-form").addEventListener("submit", function (e) { e.preventDefault(); });
  var siteRoot = new URL(root.getAttribute("data-root") || "./", window.location.href);
  var VERDICT = { "supported": "#2e9e50", "partly-supported": "#d69e00", "contested": "#8e5bd0",
                  "contradicted": "#d93025", "no-evidence": "#8a8f96" };
  var KIND = { "reference": "#607d8b", "measure": "#00897b", "media": "#ef6c00" };
  var SHAPE = { "claim": "ellipse", "reference": "round-rectangle", "measure": "diamond", "media": "triangle" };

  function say(text) { status.textContent = text; }

  fetch(root.getAttribute("data-graph"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(draw)
    .catch(function (e) { say("The graph could not be loaded (" + e.message + ")."); });

  function short(text, n) { text = String(text || ""); return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function draw(data) {
    var search = document.getElementById("evkb-x-search");
    var topic = document.getElementById("evkb-x-topic");
    var results = document.getElementById("evkb-x-results");
    var boxes = root.querySelectorAll("input[type=checkbox]");
    var known = {};
    Array.prototype.forEach.call(topic.options, function (o) { known[o.value] = true; });
    var fresh = [];
    data.nodes.forEach(function (n) { if (n.topic && !known[n.topic]) { known[n.topic] = true; fresh.push(n.topic); } });
    fresh.sort().forEach(function (t) {
      var o = document.createElement("option"); o.value = t; o.textContent = t; topic.appendChild(o);
    });
    var big = data.nodes.length > 600, many = data.nodes.length > 120;
    var elements = [];
    var degree = {};
    data.edges.forEach(function (e) { degree[e.source] = (degree[e.source] || 0) + 1; degree[e.target] = (degree[e.target] || 0) + 1; });
    data.nodes.forEach(function (n) {
      elements.push({ group: "nodes", data: {
        id: n.id, kind: n.kind, label: short(n.label, 60), full: String(n.label || ""), url: n.url || "",
        topic: n.topic || "", verdict: n.verdict || "",
        color: n.kind === "claim" ? (VERDICT[n.verdict] || VERDICT["no-evidence"]) : (KIND[n.kind] || "#999"),
        shape: SHAPE[n.kind] || "ellipse", size: 10 + Math.min(22, 3 * Math.sqrt(degree[n.id] || 0)) } });
    });
    data.edges.forEach(function (e, i) {
      elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, kind: e.kind } });
    });
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    var cy = cytoscape({
      container: document.getElementById("evkb-x-canvas"),
      elements: elements,
      minZoom: 0.05, maxZoom: 4, wheelSensitivity: 0.3,
      textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : "auto",
      style: [
        { selector: "node", style: { "background-color": "data(color)", "shape": "data(shape)", "width": "data(size)",
          "height": "data(size)", "label": "data(label)", "font-size": 9, "min-zoomed-font-size": many ? 14 : 8,
          "color": dark ? "#e8eaed" : "#202124", "text-wrap": "ellipsis", "text-max-width": 140,
          "text-valign": "bottom", "text-margin-y": 2 } },
        { selector: "edge", style: { "width": 0.8, "line-color": dark ? "#5f6368" : "#c4c7c5", "curve-style": "haystack",
          "opacity": 0.7 } },
        { selector: ".faded", style: { "opacity": 0.12, "text-opacity": 0 } },
        { selector: "node.hl", style: { "min-zoomed-font-size": 0, "z-index": 10, "border-width": 2,
          "border-color": dark ? "#fff" : "#000" } },
        { selector: "edge.hl", style: { "line-color": dark ? "#e8eaed" : "#3c4043", "width": 1.6, "opacity": 1 } },
        { selector: ".match", style: { "border-width": 3, "border-color": "#fbbc04", "min-zoomed-font-size": 0, "z-index": 20 } }
      ]
    });
    window.evkbExplorer = cy;   // for the browser tests and the curious
    say("Laying out " + data.nodes.length + " nodes and " + data.edges.length + " links…");
    var options = { name: "fcose",
      quality: big ? "draft" : "default", randomize: true, animate: false, nodeDimensionsIncludeLabels: false,
      numIter: big ? 1200 : 2500, nodeRepulsion: 6000, idealEdgeLength: 60, packComponents: true };
    var layout;
    try { layout = cy.layout(options); } catch (e) { layout = cy.layout({ name: "grid" }); }
    layout.one("layoutstop", function () {
      cy.fit(undefined, 20);
      root.setAttribute("data-ready", "true");
      update();
    });
    layout.run();

    // hover: neighbours highlight
    cy.on("mouseover", "node", function (evt) {
      var n = evt.target, hood = n.closedNeighborhood();
      cy.batch(function () { cy.elements().addClass("faded"); hood.removeClass("faded").addClass("hl"); });
      say(n.data("kind") + ": " + n.data("full"));
    });
    cy.on("mouseout", "node", function () {
      cy.batch(function () { cy.elements().removeClass("faded hl"); });
      update(true);
    });
    // click: open the node's page
    cy.on("tap", "node", function (evt) {
      var url = evt.target.data("url");
      if (url) { window.location.href = new URL(url, siteRoot).href; }
    });

    function checked(name) {
      var out = {};
      root.querySelectorAll("input[name=" + name + "]").forEach(function (b) { out[b.value] = b.checked; });
      return out;
    }
    function update(quiet) {
      var verdicts = checked("verdict"), kinds = checked("kind"), t = topic.value;
      var visibleClaims = 0;
      cy.batch(function () {
        cy.nodes("[kind = 'claim']").forEach(function (n) {
          var show = verdicts[n.data("verdict")] !== false && (!t || n.data("topic") === t);
          n.style("display", show ? "element" : "none");
          if (show) { visibleClaims++; }
        });
        cy.nodes("[kind != 'claim']").forEach(function (n) {
          var show = kinds[n.data("kind")] !== false;
          if (show && t) {   // with a topic chosen, show only what its claims touch
            show = n.neighborhood("node[kind = 'claim']").some(function (c) { return c.style("display") !== "none"; });
          }
          n.style("display", show ? "element" : "none");
        });
      });
      root.setAttribute("data-visible", String(cy.nodes().filter(function (n) { return n.style("display") !== "none"; }).length));
      if (!quiet) { say(visibleClaims + " claims shown of " + cy.nodes("[kind = 'claim']").length + "."); }
      find();
    }
    function find() {
      var q = search.value.trim().toLowerCase();
      results.textContent = "";
      cy.nodes().removeClass("match");
      if (q.length < 2) { return; }
      var hits = cy.nodes().filter(function (n) {
        return n.style("display") !== "none" && (n.data("full").toLowerCase().indexOf(q) >= 0 || n.id().toLowerCase().indexOf(q) >= 0);
      });
      hits.addClass("match");
      hits.slice(0, 30).forEach(function (n) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.textContent = n.data("kind") + ": " + short(n.data("full"), 120);
        if (n.data("url")) { a.href = new URL(n.data("url"), siteRoot).href; }
        a.addEventListener("mouseenter", function () { cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 }); });
        li.appendChild(a);
        results.appendChild(li);
      });
      say(hits.length + " match" + (hits.length === 1 ? "" : "es") + " for “" + search.value.trim() + "”.");
      if (hits.length && hits.length <= 30) { cy.fit(hits, 60); }
    }
    boxes.forEach(function (b) { b.addEventListener("change", function () { update(); }); });
    topic.addEventListener("change", function () { update(); });
    var timer = null;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(find, 150); });
  }
})();
