/* evkb explorer: draws data/graph.json with cytoscape (canvas, no WebGL) and lays it out
   in the browser with fcose. Labels are record text: they are drawn on the canvas or put
   in the DOM with textContent, never as HTML. Built to stay usable at a few thousand nodes:
   labels appear only when zoomed in or highlighted, edges hide while panning.
   A base whose graph has more nodes than data-cap is never drawn whole: the explorer opens
   on a capped overview (data/graph-overview.json), a topic (?topic=T loads data/graph/T.json)
   or a claim's neighbourhood (?claim=ID&topic=T, linked from each claim page). */
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
  var KIND_WORD = { "claim": "Claim", "reference": "Study or reference", "measure": "Measure", "media": "Popular article" };
  var VERDICT_WORD = { "supported": "Supported", "partly-supported": "Partly supported", "contested": "Contested",
                       "contradicted": "Contradicted", "no-evidence": "No evidence found" };
  var STANCE = { "supports": "#2e9e50", "contradicts": "#d93025", "qualifies": "#d69e00", "mentions": "#9aa0a6" };
  var SHAPE = { "claim": "ellipse", "reference": "round-rectangle", "measure": "diamond", "media": "triangle" };

  function say(text) { status.textContent = text; }

  var params = new URLSearchParams(window.location.search);
  var wantClaim = params.get("claim") || "", wantTopic = params.get("topic") || "";
  var total = parseInt(root.getAttribute("data-total") || "0", 10);
  var cap = parseInt(root.getAttribute("data-cap") || "0", 10);
  var large = cap > 0 && total > cap;       // never load the whole graph at once
  var topicSelect = document.getElementById("evkb-x-topic");
  var topicFile = null;
  Array.prototype.forEach.call(topicSelect.options, function (o) {
    if (o.value && o.value === wantTopic && o.getAttribute("data-file")) { topicFile = o.getAttribute("data-file"); }
  });
  var source = root.getAttribute("data-graph"), scope = "";
  if (large) {
    if (topicFile) { source = topicFile; scope = "topic"; }
    else { source = root.getAttribute("data-overview"); scope = "overview"; }
  }
  if (wantTopic && topicFile) { topicSelect.value = wantTopic; }
  root.setAttribute("data-scope", wantClaim ? "claim" : (scope || "all"));

  fetch(source, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) { draw(wantClaim ? neighbourhood(data, "claim:" + wantClaim) : data); })
    .catch(function (e) { say("The graph could not be loaded (" + e.message + ")."); });

  // A claim, what it links to, and the claims sharing a reference or an article with it.
  function neighbourhood(data, id) {
    var keep = {}, links = {}, i;
    data.edges.forEach(function (e) {
      (links[e.source] = links[e.source] || []).push(e.target);
      (links[e.target] = links[e.target] || []).push(e.source);
    });
    var kind = {};
    data.nodes.forEach(function (n) { kind[n.id] = n.kind; });
    if (!kind[id]) { data.missing = true; return data; }
    keep[id] = true;
    var first = links[id] || [], second = 0;
    first.forEach(function (n) { keep[n] = true; });
    first.forEach(function (n) {
      if (kind[n] === "measure") { return; }          // a measure links half a topic: not a neighbour
      (links[n] || []).forEach(function (m) {
        if (!keep[m] && kind[m] === "claim" && second < 150) { keep[m] = true; second++; }
      });
    });
    var nodes = data.nodes.filter(function (n) { return keep[n.id]; });
    var edges = data.edges.filter(function (e) { return keep[e.source] && keep[e.target]; });
    for (i = 0; i < nodes.length; i++) { if (nodes[i].id === id) { nodes[i].focus = true; } }
    return { nodes: nodes, edges: edges, focus: id };
  }

  function short(text, n) { text = String(text || ""); return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function draw(data) {
    var search = document.getElementById("evkb-x-search");
    var topic = document.getElementById("evkb-x-topic");
    var results = document.getElementById("evkb-x-results");
    var boxes = root.querySelectorAll("input[type=checkbox]");
    var lastStances = JSON.stringify({}), listed = null;
    var listBox = document.getElementById("evkb-x-list");
    if (listBox) {      // the list view is built when it is opened, and kept in step while open
      listBox.addEventListener("toggle", function () { if (listBox.open && listed) { list(listed); } });
    }
    var known = {};
    Array.prototype.forEach.call(topic.options, function (o) { known[o.value] = true; });
    var fresh = [];
    data.nodes.forEach(function (n) { if (n.topic && !known[n.topic]) { known[n.topic] = true; fresh.push(n.topic); } });
    fresh.sort().forEach(function (t) {
      var o = document.createElement("option"); o.value = t; o.textContent = t; topic.appendChild(o);
    });
    var big = data.nodes.length > 600, many = data.nodes.length > 120;
    if (large || wantClaim) {   // the topic list loads another view
      topic.addEventListener("change", function () {
        var q = new URLSearchParams();
        if (topic.value) { q.set("topic", topic.value); }
        window.location.search = q.toString();
      });
    }
    var elements = [];
    var degree = {};
    data.edges.forEach(function (e) { degree[e.source] = (degree[e.source] || 0) + 1; degree[e.target] = (degree[e.target] || 0) + 1; });
    data.nodes.forEach(function (n) {
      elements.push({ group: "nodes", data: {
        id: n.id, kind: n.kind, label: short(n.label, 60), full: String(n.label || ""), url: n.url || "",
        topic: n.topic || "", verdict: n.verdict || "",
        color: n.kind === "claim" ? (VERDICT[n.verdict] || VERDICT["no-evidence"]) : (KIND[n.kind] || "#999"),
        shape: SHAPE[n.kind] || "ellipse", size: 10 + Math.min(22, 3 * Math.sqrt(degree[n.id] || 0)) },
        classes: n.focus ? "focus" : "" });
    });
    data.edges.forEach(function (e, i) {
      elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, kind: e.kind,
                                               stance: e.stance || "" } });
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
        { selector: "edge[stance = 'supports']", style: { "line-color": STANCE.supports } },
        { selector: "edge[stance = 'contradicts']", style: { "line-color": STANCE.contradicts, "width": 1.2 } },
        { selector: "edge[stance = 'qualifies']", style: { "line-color": STANCE.qualifies } },
        { selector: "edge[stance = 'mentions']", style: { "line-color": STANCE.mentions, "line-style": "dashed",
          "curve-style": "straight" } },
        { selector: ".faded", style: { "opacity": 0.12, "text-opacity": 0 } },
        { selector: "node.hl", style: { "min-zoomed-font-size": 0, "z-index": 10, "border-width": 2,
          "border-color": dark ? "#fff" : "#000" } },
        { selector: "edge.hl", style: { "line-color": dark ? "#e8eaed" : "#3c4043", "width": 1.6, "opacity": 1 } },
        { selector: ".focus", style: { "border-width": 4, "border-color": dark ? "#fff" : "#000", "min-zoomed-font-size": 0,
          "z-index": 30 } },
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
      describe();
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
    // click: the node's details in the side panel, with a link to its page
    var panel = document.getElementById("evkb-x-panel");
    function open(n) {
      if (!panel) { return; }
      document.getElementById("evkb-x-panel-kind").textContent = KIND_WORD[n.data("kind")] || n.data("kind");
      document.getElementById("evkb-x-panel-title").textContent = n.data("full");
      var v = document.getElementById("evkb-x-panel-verdict");
      v.textContent = "";
      if (n.data("kind") === "claim") {
        var badge = document.createElement("span");
        badge.className = "evkb-verdict evkb-" + (n.data("verdict") || "no-evidence");
        badge.textContent = VERDICT_WORD[n.data("verdict")] || "No evidence found";
        v.appendChild(badge);
      }
      var hood = n.neighborhood("node");
      document.getElementById("evkb-x-panel-links").textContent = hood.length + " linked node" + (hood.length === 1 ? "" : "s") +
        (n.data("topic") ? " · topic " + n.data("topic") : "");
      var a = document.getElementById("evkb-x-panel-open");
      if (n.data("url")) { a.href = new URL(n.data("url"), siteRoot).href; a.hidden = false; } else { a.hidden = true; }
      panel.hidden = false;
      root.setAttribute("data-selected", n.id());
      cy.batch(function () { cy.elements().removeClass("focus"); n.addClass("focus"); });
    }
    cy.on("tap", "node", function (evt) { open(evt.target); });
    document.getElementById("evkb-x-close").addEventListener("click", function () {
      panel.hidden = true; root.removeAttribute("data-selected"); cy.elements().removeClass("focus");
    });
    window.evkbExplorerOpen = function (id) { open(cy.getElementById(id)); };

    function describe() {     // what this view holds, when it is not the whole graph
      var note = document.getElementById("evkb-x-scope");
      if (!note) { return; }
      note.textContent = "";
      var text = "";
      if (data.focus) {
        text = "The neighbourhood of one claim: what it cites, measures and circulates in, and the claims sharing a reference or an article with it. ";
      } else if (wantClaim && data.missing) {
        text = "No claim " + wantClaim + " in this view. ";
      } else if (large && scope === "topic") {
        text = "One topic: " + data.nodes.length + " nodes of " + total + ". ";
      } else if (large) {
        text = "An overview of " + data.nodes.length + " nodes of " + total + ", claims from every topic in turn; choose a topic to see all of its claims. ";
      }
      note.appendChild(document.createTextNode(text));
      if (data.focus || (wantClaim && data.missing) || (large && scope === "topic")) {
        var a = document.createElement("a");
        var q = new URLSearchParams();
        if (wantTopic && (data.focus || data.missing)) { q.set("topic", wantTopic); }
        a.href = window.location.pathname + (q.toString() ? "?" + q.toString() : "");
        a.textContent = data.focus || data.missing ? (wantTopic ? "Show the whole topic" : "Show the whole graph")
          : (total > cap ? "Back to the overview" : "Show the whole graph");
        note.appendChild(a);
      }
    }
    function checked(name) {
      var out = {};
      root.querySelectorAll("input[name=" + name + "]").forEach(function (b) { out[b.value] = b.checked; });
      return out;
    }
    function update(quiet) {
      var verdicts = checked("verdict"), kinds = checked("kind"), stances = checked("stance");
      var t = (large || wantClaim) ? "" : topic.value;
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
      var stanceKey = JSON.stringify(stances);
      if (stanceKey !== lastStances) {     // edges are many: restyled only when the stance filter changes
        lastStances = stanceKey;
        cy.batch(function () {
          cy.edges().forEach(function (e) {
            e.style("display", !e.data("stance") || stances[e.data("stance")] !== false ? "element" : "none");
          });
        });
      }
      var shown = cy.nodes().filter(function (n) { return n.style("display") !== "none"; });
      root.setAttribute("data-visible", String(shown.length));
      listed = shown;
      if (listBox && listBox.open) { list(shown); }
      if (!quiet) { say(visibleClaims + " claims shown of " + cy.nodes("[kind = 'claim']").length + "."); }
      find();
    }
    function list(shown) {      // the same selection as a plain list, for keyboard and screen-reader use
      var ul = document.getElementById("evkb-x-list-items");
      if (!ul) { return; }
      ul.textContent = "";
      var order = { claim: 0, media: 1, reference: 2, measure: 3 };
      var items = shown.toArray().sort(function (a, b) {
        return (order[a.data("kind")] - order[b.data("kind")]) || (a.data("full") < b.data("full") ? -1 : 1);
      });
      items.slice(0, 1000).forEach(function (n) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.className = "evkb-x-item";
        b.textContent = (KIND_WORD[n.data("kind")] || n.data("kind")) + ": " + short(n.data("full"), 140) +
          (n.data("kind") === "claim" ? " (" + (VERDICT_WORD[n.data("verdict")] || "") + ")" : "");
        b.addEventListener("focus", function () {
          cy.batch(function () { cy.elements().addClass("faded"); n.closedNeighborhood().removeClass("faded").addClass("hl"); });
        });
        b.addEventListener("blur", function () { cy.batch(function () { cy.elements().removeClass("faded hl"); }); });
        b.addEventListener("click", function () { open(n); cy.animate({ center: { eles: n } }, { duration: 200 }); });
        li.appendChild(b);
        if (n.data("url")) {
          var a = document.createElement("a");
          a.href = new URL(n.data("url"), siteRoot).href;
          a.textContent = "page";
          li.appendChild(document.createTextNode(" "));
          li.appendChild(a);
        }
        ul.appendChild(li);
      });
      if (items.length > 1000) {
        var more = document.createElement("li");
        more.textContent = (items.length - 1000) + " more: narrow the selection with the filters or the search.";
        ul.appendChild(more);
      }
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
    if (!large && !wantClaim) { topic.addEventListener("change", function () { update(); }); }
    var timer = null;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(find, 150); });
  }
})();
