/* evkb explorer: draws data/graph.json with cytoscape (canvas, no WebGL), laid out in the browser
   with fcose, claims grouped in a named box per topic. Labels are record text: drawn on the canvas
   or put in the DOM with textContent, never as HTML. Usable without a mouse: the canvas takes the
   focus, the arrow keys move a cursor from node to node (the nearest one in that direction), Enter
   opens the side panel, T the trace, Escape closes; every change of the filters also rewrites the
   list view, a plain <ul> of the same nodes. Built to stay usable at a few thousand nodes: labels
   appear only when zoomed in or highlighted, edges hide while panning. A base whose graph has more
   nodes than data-cap is never drawn whole: the explorer opens on a capped overview
   (data/graph-overview.json), a topic (?topic=T loads data/graph/T.json) or a claim's
   neighbourhood (?claim=ID&topic=T, linked from each claim page). */
(function () {
  "use strict";
  var root = document.getElementById("evkb-explorer");
  if (!root || typeof cytoscape === "undefined" || !window.evkbLook) { return; }
  var look = window.evkbLook, WORDS = look.WORDS, short = look.short;
  var $ = function (id) { return document.getElementById(id); };
  var status = $("evkb-x-status");
  $("evkb-x-form").addEventListener("submit", function (e) { e.preventDefault(); });
  var siteRoot = new URL(root.getAttribute("data-root") || "./", window.location.href);

  function say(text) { status.textContent = text; }

  var params = new URLSearchParams(window.location.search);
  var wantClaim = params.get("claim") || "", wantTopic = params.get("topic") || "";
  var total = parseInt(root.getAttribute("data-total") || "0", 10);
  var cap = parseInt(root.getAttribute("data-cap") || "0", 10);
  var large = cap > 0 && total > cap;       // never load the whole graph at once
  var topicSelect = $("evkb-x-topic");
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
  $("evkb-x-skip").addEventListener("click", function () { $("evkb-x-list").open = true; });

  fetch(source, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) { draw(wantClaim ? neighbourhood(data, "claim:" + wantClaim) : data); })
    .catch(function (e) { say("The graph could not be loaded (" + e.message + ")."); });

  // A claim, what it links to, and the claims sharing a reference or an article with it.
  function neighbourhood(data, id) {
    var keep = {}, links = {}, kind = {}, i;
    data.edges.forEach(function (e) {
      (links[e.source] = links[e.source] || []).push(e.target);
      (links[e.target] = links[e.target] || []).push(e.source);
    });
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

  // Every node goes into a named box: a claim into its topic's, anything else into the topic
  // most of its claims belong to (or of its neighbours, for what no claim links to directly).
  // One topic in view: no boxes.
  function groups(data) {
    var topicOf = {}, names = {}, votes = {}, near = {};
    data.nodes.forEach(function (n) { if (n.kind === "claim") { topicOf[n.id] = n.topic || ""; names[n.topic || ""] = true; } });
    if (Object.keys(names).length < 2) { return {}; }
    data.edges.forEach(function (e) {
      [[e.source, e.target], [e.target, e.source]].forEach(function (p) {
        if (topicOf[p[0]] !== undefined) { return; }
        if (topicOf[p[1]] !== undefined) {
          var v = votes[p[0]] = votes[p[0]] || {};
          v[topicOf[p[1]]] = (v[topicOf[p[1]]] || 0) + 1;
        } else { (near[p[0]] = near[p[0]] || []).push(p[1]); }
      });
    });
    function best(v) {
      var top = null;
      Object.keys(v).sort().forEach(function (t) { if (top === null || v[t] > v[top]) { top = t; } });
      return top;
    }
    var parent = {}, unlinked = false;
    data.nodes.forEach(function (n) {
      if (n.kind === "claim") { parent[n.id] = "topic:" + (n.topic || ""); }
      else if (votes[n.id]) { parent[n.id] = "topic:" + best(votes[n.id]); }
    });
    data.nodes.forEach(function (n) {
      if (parent[n.id]) { return; }
      var v = {};
      (near[n.id] || []).forEach(function (m) { if (parent[m]) { v[parent[m]] = (v[parent[m]] || 0) + 1; } });
      var b = best(v);
      if (b === null) { unlinked = true; }
      parent[n.id] = b === null ? "group:unlinked" : b;
    });
    parent.names = Object.keys(names).sort();
    parent.unlinked = unlinked;
    return parent;
  }

  // Each box laid out on its own, then the boxes packed in rows: boxes never overlap, and the
  // layouts are small (a box's nodes and the links among them) however large the view.
  function layOut(cy, options, done) {
    var boxes = cy.nodes("[kind = 'topic']");
    if (!boxes.length) {
      var whole;
      try { whole = cy.layout(options); } catch (e) { whole = cy.layout({ name: "grid" }); }
      whole.one("layoutstop", done);
      whole.run();
      return;
    }
    var placed = boxes.map(function (box) {
      var kids = box.children(), sub = kids.union(kids.edgesWith(kids));
      try { sub.layout(Object.assign({}, options, { fit: false })).run(); }
      catch (e) { sub.layout({ name: "grid", fit: false }).run(); }
      var bb = kids.boundingBox({ includeLabels: false });
      return { kids: kids, bb: bb, w: bb.w + 80, h: bb.h + 90 };
    });
    var area = placed.reduce(function (a, p) { return a + p.w * p.h; }, 0);
    var rowWidth = Math.max(Math.sqrt(area) * 1.4, placed.reduce(function (a, p) { return Math.max(a, p.w); }, 0));
    placed.sort(function (a, b) { return b.h - a.h; });
    var x = 0, y = 0, rowH = 0;
    cy.batch(function () {
      placed.forEach(function (p) {
        if (x > 0 && x + p.w > rowWidth) { x = 0; y += rowH; rowH = 0; }
        var dx = x + 40 - p.bb.x1, dy = y + 60 - p.bb.y1;
        p.kids.positions(function (n) { var q = n.position(); return { x: q.x + dx, y: q.y + dy }; });
        x += p.w;
        rowH = Math.max(rowH, p.h);
      });
    });
    done();
  }

  function draw(data) {
    var search = $("evkb-x-search"), topic = topicSelect, results = $("evkb-x-results");
    var canvas = $("evkb-x-canvas"), panel = $("evkb-x-panel"), traceBox = $("evkb-x-trace");
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
    var degree = {}, glyph = look.glyphs(), parent = groups(data), elements = [];
    data.edges.forEach(function (e) { degree[e.source] = (degree[e.source] || 0) + 1; degree[e.target] = (degree[e.target] || 0) + 1; });
    (parent.names || []).forEach(function (t) {
      elements.push({ group: "nodes", data: { id: "topic:" + t, kind: "topic", label: "Topic: " + (t || "none"), full: t,
                                               topic: t } });
    });
    if (parent.unlinked) {
      elements.push({ group: "nodes", data: { id: "group:unlinked", kind: "topic", label: "Not linked to any claim",
                                               full: "", topic: "" } });
    }
    data.nodes.forEach(function (n) {
      var d = look.nodeData(n, degree[n.id], glyph);
      if (parent[n.id]) { d.parent = parent[n.id]; }
      elements.push({ group: "nodes", data: d, classes: n.focus ? "focus" : "" });
    });
    data.edges.forEach(function (e, i) {
      elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, kind: e.kind,
        stance: e.stance || undefined, findings: e.findings || null, status: e.status || "", credited: e.credited || "" } });
    });
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    var cy = cytoscape({
      container: canvas, elements: elements, minZoom: 0.05, maxZoom: 4, wheelSensitivity: 0.3,
      textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : "auto",
      style: look.style(dark, many, big)
    });
    window.evkbExplorer = cy;   // for the browser tests and the curious
    // cytoscape caches where its canvas is on the page; the search results and the status line
    // above it move it, so the pointer is placed again whenever it comes in
    ["mouseenter", "touchstart"].forEach(function (type) {
      canvas.addEventListener(type, function () { cy.resize(); }, { capture: true, passive: true });
    });
    var real = function () { return cy.nodes("[kind != 'topic']"); };
    var shown = function (n) { return n.style("display") !== "none" && (!n.parent().length || n.parent().style("display") !== "none"); };
    say("Laying out " + data.nodes.length + " nodes and " + data.edges.length + " links…");
    var options = { name: "fcose", quality: big ? "draft" : "default", randomize: true, animate: false,
      nodeDimensionsIncludeLabels: false, numIter: big ? 1200 : 2500, nodeRepulsion: 6000, idealEdgeLength: 60,
      packComponents: true };
    layOut(cy, options, function () {
      cy.fit(undefined, 20);
      root.setAttribute("data-ready", "true");
      update();
      describeView();
    });

    // -- highlighting: hover, keyboard cursor, list focus, trace ------------------------------
    var traced = null, cursor = null, returnTo = null;
    function highlight(n) {
      cy.batch(function () { cy.elements().removeClass("hl").addClass("faded"); n.closedNeighborhood().removeClass("faded").addClass("hl"); n.ancestors().removeClass("faded"); });
    }
    function restore() {
      cy.batch(function () {
        cy.elements().removeClass("faded hl");
        if (traced) { cy.elements().not(traced.chain.union(traced.chain.ancestors())).addClass("faded"); }
      });
    }
    cy.on("mouseover", "node[kind != 'topic']", function (evt) { highlight(evt.target); say(look.describe(evt.target)); });
    cy.on("mouseout", "node[kind != 'topic']", function () { restore(); });

    // -- the side panel -----------------------------------------------------------------------
    function linksInWords(n) {
      var parts = [];
      if (n.data("kind") === "claim") {
        var cites = n.outgoers("edge[kind = 'cites']"), count = {};
        cites.forEach(function (e) { count[e.data("stance")] = (count[e.data("stance")] || 0) + 1; });
        var how = Object.keys(count).map(function (s) { return count[s] + " " + (s === "mentions" ? "only mention" + (count[s] === 1 ? "s" : "") : s.replace(/s$/, count[s] === 1 ? "s" : "")); });
        parts.push("Cites " + cites.length + " source" + (cites.length === 1 ? "" : "s") + (how.length ? " (" + how.join(", ") + ")" : ""));
        var seen = n.incomers("edge[kind = 'circulates']").length;
        parts.push("seen in " + seen + " article" + (seen === 1 ? "" : "s"));
      } else if (n.data("kind") === "media") {
        var made = n.outgoers("edge[kind = 'circulates']").length;
        parts.push("Makes " + made + " claim" + (made === 1 ? "" : "s") + " in this view");
      } else if (n.data("kind") === "reference") {
        if (n.data("design")) { parts.push(n.data("design") + (n.data("n") !== "" ? ", n = " + n.data("n") : "")); }
        var by = n.incomers("edge[kind = 'cites']").length;
        parts.push("cited by " + by + " claim" + (by === 1 ? "" : "s") + " in this view");
      } else {
        var hood = n.neighborhood("node").length;
        parts.push(hood + " linked node" + (hood === 1 ? "" : "s"));
      }
      if (n.data("topic")) { parts.push("topic " + n.data("topic")); }
      return parts.join(" · ") + ".";
    }
    function open(n) {
      if (!n || !n.length) { return; }
      if (panel.hidden) { returnTo = document.activeElement; }
      $("evkb-x-panel-kind").textContent = WORDS.kind[n.data("kind")] || n.data("kind");
      $("evkb-x-panel-title").textContent = n.data("full");
      var v = $("evkb-x-panel-verdict");
      v.textContent = "";
      if (n.data("kind") === "claim") {
        var badge = document.createElement("span");
        badge.className = "evkb-verdict evkb-" + (n.data("verdict") || "no-evidence");
        badge.textContent = WORDS.verdict[n.data("verdict")] || "No evidence found";
        v.appendChild(badge);
        v.appendChild(document.createTextNode(" " + (WORDS.grade[n.data("grade")] || "No evidence grade")));
      }
      v.hidden = n.data("kind") !== "claim";
      $("evkb-x-panel-links").textContent = linksInWords(n);
      var a = $("evkb-x-panel-open");
      if (n.data("url")) { a.href = new URL(n.data("url"), siteRoot).href; a.hidden = false; } else { a.hidden = true; }
      $("evkb-x-panel-trace").onclick = function () { trace(n); };
      panel.hidden = false;
      root.setAttribute("data-selected", n.id());
      cy.batch(function () { cy.elements().removeClass("selected"); n.addClass("selected"); });
      $("evkb-x-panel-title").focus({ preventScroll: true });
    }
    function close() {
      panel.hidden = true;
      root.removeAttribute("data-selected");
      cy.elements().removeClass("selected");
      if (returnTo && document.body.contains(returnTo)) { returnTo.focus({ preventScroll: true }); }
      returnTo = null;
    }
    cy.on("tap", "node[kind != 'topic']", function (evt) { moveCursor(evt.target, false); open(evt.target); });
    $("evkb-x-close").addEventListener("click", close);
    window.evkbExplorerOpen = function (id) { open(cy.getElementById(id)); };

    // -- the trace ----------------------------------------------------------------------------
    function item(n, step, note) {
      var li = document.createElement("li");
      li.className = "evkb-x-trace-" + n.data("kind");
      var s = document.createElement("span");
      s.className = "evkb-x-trace-step";
      s.textContent = step + " ";
      li.appendChild(s);
      var b = document.createElement("button");
      b.type = "button";
      b.className = "evkb-x-item";
      b.textContent = n.data("full");
      b.addEventListener("click", function () { moveCursor(n, true); open(n); });
      li.appendChild(b);
      if (note) { li.appendChild(document.createTextNode(" — " + note)); }
      if (n.data("url")) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(pageLink(n));
      }
      return li;
    }
    function trace(n) {
      traced = window.evkbTrace.build(cy, n, { item: item });
      var tree = $("evkb-x-trace-tree");
      tree.textContent = "";
      tree.appendChild(traced.tree);
      $("evkb-x-trace-title").textContent = "Trace: " + short(n.data("full"), 90);
      traceBox.hidden = false;
      root.setAttribute("data-trace", n.id());
      cy.batch(function () { cy.elements().removeClass("trace"); traced.chain.addClass("trace"); });
      restore();
      var seen = traced.chain.nodes().filter(shown);
      if (seen.length) { cy.fit(seen, 40); }
      say("Trace of " + look.describe(n) + ": " + traced.chain.nodes().length + " nodes.");
      $("evkb-x-trace-title").focus({ preventScroll: false });
    }
    function closeTrace() {
      traceBox.hidden = true;
      root.removeAttribute("data-trace");
      traced = null;
      cy.elements().removeClass("trace");
      restore();
      (cursor ? canvas : search).focus({ preventScroll: true });
    }
    $("evkb-x-trace-close").addEventListener("click", closeTrace);
    window.evkbExplorerTrace = function (id) { trace(cy.getElementById(id)); };

    // -- the keyboard cursor ------------------------------------------------------------------
    function moveCursor(n, reveal) {
      if (cursor) { cursor.removeClass("cursor"); }
      cursor = n;
      n.addClass("cursor");
      root.setAttribute("data-focused", n.id());
      if (reveal) {
        var p = n.renderedPosition(), w = cy.width(), h = cy.height();
        if (cy.zoom() < 0.9) { cy.zoom({ level: 1.2, position: n.position() }); }
        p = n.renderedPosition();
        if (p.x < 30 || p.y < 30 || p.x > w - 30 || p.y > h - 30) { cy.center(n); }
      }
      say(look.describe(n) + ". " + linksInWords(n) + " Enter for details, T to trace it.");
    }
    function nearest(dx, dy) {
      var p0 = cursor.position(), best = null, bestScore = Infinity;
      real().forEach(function (m) {
        if (m === cursor || !shown(m)) { return; }
        var p = m.position(), vx = p.x - p0.x, vy = p.y - p0.y;
        var along = vx * dx + vy * dy, across = Math.abs(vx * dy - vy * dx);
        if (along <= 0) { return; }
        var score = along + 2 * across;
        if (score < bestScore) { bestScore = score; best = m; }
      });
      return best;
    }
    function start() {      // the node the cursor starts on: the one selected, matched, or nearest the centre
      var sel = cy.$(".selected, .match, .focus").filter(shown);
      if (sel.length) { return sel[0]; }
      var ext = cy.extent(), cx = (ext.x1 + ext.x2) / 2, cyy = (ext.y1 + ext.y2) / 2, best = null, d = Infinity;
      real().forEach(function (m) {
        if (!shown(m)) { return; }
        var p = m.position(), dd = (p.x - cx) * (p.x - cx) + (p.y - cyy) * (p.y - cyy);
        if (dd < d) { d = dd; best = m; }
      });
      return best;
    }
    canvas.addEventListener("focus", function () {
      if (root.getAttribute("data-ready") !== "true") { return; }
      if (!cursor || !shown(cursor)) { var s = start(); if (s) { moveCursor(s, true); } } else { moveCursor(cursor, false); }
    });
    var DIRS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    canvas.addEventListener("keydown", function (e) {
      if (root.getAttribute("data-ready") !== "true" || e.altKey || e.ctrlKey || e.metaKey) { return; }
      if (!cursor) { var s = start(); if (s) { moveCursor(s, true); } }
      if (!cursor) { return; }
      var d = DIRS[e.key];
      if (d) {
        e.preventDefault();
        var next = nearest(d[0], d[1]);
        if (next) { moveCursor(next, true); } else { say("No node further " + e.key.replace("Arrow", "").toLowerCase() + "."); }
      } else if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        open(cursor);
      } else if (e.key === "t" || e.key === "T") {
        e.preventDefault();
        trace(cursor);
      } else if (e.key === "+" || e.key === "=") {
        e.preventDefault(); cy.zoom({ level: cy.zoom() * 1.3, renderedPosition: cursor.renderedPosition() });
      } else if (e.key === "-") {
        e.preventDefault(); cy.zoom({ level: cy.zoom() / 1.3, renderedPosition: cursor.renderedPosition() });
      } else if (e.key === "0") {
        e.preventDefault(); cy.fit(real().filter(shown), 20);
      }
    });
    document.addEventListener("keydown", function (e) {   // Escape closes the panel, then the trace
      if (e.key !== "Escape") { return; }
      if (!panel.hidden) { e.preventDefault(); close(); } else if (!traceBox.hidden) { e.preventDefault(); closeTrace(); }
    });

    // -- what this view holds, when it is not the whole graph ---------------------------------
    function describeView() {
      var note = $("evkb-x-scope");
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

    // -- the filters, and the list view of what they leave ------------------------------------
    function checked(name) {
      var out = {};
      root.querySelectorAll("input[name=" + name + "]").forEach(function (b) { out[b.value] = b.checked; });
      return out;
    }
    function update(quiet) {
      var verdicts = checked("verdict"), kinds = checked("kind"), stances = checked("stance");
      var t = (large || wantClaim) ? "" : topic.value;
      var everyStance = Object.keys(stances).every(function (k) { return stances[k]; });
      var visibleClaims = 0;
      cy.batch(function () {
        cy.edges().forEach(function (e) {
          e.style("display", !e.data("stance") || stances[e.data("stance")] !== false ? "element" : "none");
        });
        cy.nodes("[kind = 'claim']").forEach(function (n) {
          var show = kinds.claim !== false && verdicts[n.data("verdict")] !== false && (!t || n.data("topic") === t);
          n.style("display", show ? "element" : "none");
          if (show) { visibleClaims++; }
        });
        cy.nodes("[kind != 'claim'][kind != 'topic']").forEach(function (n) {
          var show = kinds[n.data("kind")] !== false;
          if (show && t) {   // with a topic chosen, show only what its claims touch
            show = n.neighborhood("node[kind = 'claim']").some(function (c) { return c.style("display") !== "none"; });
          }
          if (show && !everyStance && n.data("kind") === "reference") {   // a study only linked by hidden stances
            show = n.connectedEdges("[kind = 'cites']").some(function (e) { return e.style("display") !== "none"; });
          }
          n.style("display", show ? "element" : "none");
        });
        cy.nodes("[kind = 'topic']").forEach(function (p) {
          p.style("display", p.children().some(function (c) { return c.style("display") !== "none"; }) ? "element" : "none");
        });
      });
      var visible = real().filter(shown);
      root.setAttribute("data-visible", String(visible.length));
      list(visible);
      if (!quiet) { say(visibleClaims + " claims shown of " + cy.nodes("[kind = 'claim']").length + "; " + visible.length + " nodes in all."); }
      find();
    }
    function pageLink(n) {
      var a = document.createElement("a");
      a.href = new URL(n.data("url"), siteRoot).href;
      a.textContent = "page";
      a.setAttribute("aria-label", "Open the page of " + short(n.data("full"), 120));
      return a;
    }
    function list(visible) {      // the same selection as a plain list, for keyboard and screen-reader use
      var ul = $("evkb-x-list-items");
      ul.textContent = "";
      var order = { claim: 0, media: 1, reference: 2, measure: 3 };
      var items = visible.toArray().sort(function (a, b) {
        return (order[a.data("kind")] - order[b.data("kind")]) || (a.data("full") < b.data("full") ? -1 : 1);
      });
      $("evkb-x-list-summary").textContent = "List view of the " + items.length + " node" + (items.length === 1 ? "" : "s") + " shown";
      items.slice(0, 1000).forEach(function (n) {
        var li = document.createElement("li");
        li.setAttribute("data-id", n.id());
        var b = document.createElement("button");
        b.type = "button";
        b.className = "evkb-x-item";
        b.textContent = look.describe(n);
        b.addEventListener("focus", function () { highlight(n); });
        b.addEventListener("blur", restore);
        b.addEventListener("click", function () { moveCursor(n, true); open(n); });
        li.appendChild(b);
        if (n.data("url")) { li.appendChild(document.createTextNode(" ")); li.appendChild(pageLink(n)); }
        ul.appendChild(li);
      });
      if (items.length > 1000) {
        var more = document.createElement("li");
        more.textContent = (items.length - 1000) + " more: narrow the selection with the filters or the search.";
        ul.appendChild(more);
      }
    }
    var hits = null;
    function find() {
      var q = search.value.trim().toLowerCase();
      results.textContent = "";
      cy.nodes().removeClass("match");
      hits = null;
      if (q.length < 2) { return; }
      hits = real().filter(function (n) {
        return shown(n) && (n.data("full").toLowerCase().indexOf(q) >= 0 || n.id().toLowerCase().indexOf(q) >= 0);
      });
      hits.addClass("match");
      hits.slice(0, 30).forEach(function (n) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.className = "evkb-x-item";
        b.textContent = look.describe(n);
        b.addEventListener("click", function () { goTo(n); });
        li.appendChild(b);
        if (n.data("url")) { li.appendChild(document.createTextNode(" ")); li.appendChild(pageLink(n)); }
        results.appendChild(li);
      });
      say(hits.length + " match" + (hits.length === 1 ? "" : "es") + " for “" + search.value.trim() + "”" +
          (hits.length ? "; Enter moves to the first." : "."));
      if (hits.length && hits.length <= 30) { cy.fit(hits, 60); }
    }
    function goTo(n) {       // a search result: the graph's cursor moves there, and the focus with it
      moveCursor(n, true);
      cy.center(n);
      canvas.focus({ preventScroll: true });
      canvas.scrollIntoView({ block: "nearest" });
    }
    root.querySelectorAll("input[type=checkbox]").forEach(function (b) { b.addEventListener("change", function () { update(); }); });
    if (!large && !wantClaim) { topic.addEventListener("change", function () { update(); }); }
    var timer = null;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(find, 150); });
    search.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") { return; }
      e.preventDefault();
      clearTimeout(timer);
      find();
      if (hits && hits.length) { goTo(hits[0]); }
    });
  }
})();
