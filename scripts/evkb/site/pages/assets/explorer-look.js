/* evkb explorer: how the graph looks, and the words for what it shows. Nothing relies on
   colour alone: a node's kind is its shape, a claim's verdict is also a white glyph drawn
   inside it (the legend's own SVG, serialised), a link's stance is also its line pattern and
   its arrow head. The legend on the page explains the same marks in words. */
(function () {
  "use strict";
  var VERDICT = { "supported": "#2e9e50", "partly-supported": "#c88f00", "contested": "#8e5bd0",
                  "contradicted": "#d93025", "no-evidence": "#80868b" };
  var KIND = { "reference": "#607d8b", "measure": "#00897b", "media": "#ef6c00" };
  var SHAPE = { "claim": "ellipse", "reference": "round-rectangle", "measure": "diamond", "media": "triangle" };
  var STANCE = { "supports": "#2e9e50", "contradicts": "#d93025", "qualifies": "#c88f00", "mentions": "#80868b" };
  var WORDS = {
    kind: { "claim": "Claim", "reference": "Study or reference", "measure": "Measure", "media": "Popular article",
            "topic": "Topic" },
    verdict: { "supported": "Supported", "partly-supported": "Partly supported", "contested": "Contested",
               "contradicted": "Contradicted", "no-evidence": "No evidence found" },
    grade: { "high": "High certainty", "moderate": "Moderate certainty", "low": "Low certainty",
             "very-low": "Very low certainty" },
    stance: { "supports": "supports it", "contradicts": "contradicts it", "qualifies": "qualifies it",
              "mentions": "only mentions it" },
    status: { "verified": "credited correctly", "misattributed": "credited to the wrong source",
              "not-found": "credited to a source that could not be found", "none-given": "credited to no source" }
  };

  // The white glyph of each verdict, as an image cytoscape draws inside the node.
  function glyphs() {
    var out = {};
    document.querySelectorAll("#evkb-x-legend svg[data-verdict] .evkb-x-glyph").forEach(function (g) {
      var verdict = g.closest("svg").getAttribute("data-verdict");
      var svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="40" height="40">' +
        new XMLSerializer().serializeToString(g) + "</svg>";
      out[verdict] = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
    });
    return out;
  }

  function style(dark, many, big) {
    var ink = dark ? "#e8eaed" : "#202124", ring = dark ? "#ffffff" : "#000000";
    var arrows = !big;   // arrow heads need straight edges, too slow to draw at thousands of links
    return [
      { selector: "node[kind != 'topic']", style: { "z-compound-depth": "top", "background-color": "data(color)", "shape": "data(shape)", "width": "data(size)",
        "height": "data(size)", "label": "data(label)", "font-size": 9, "min-zoomed-font-size": many ? 14 : 8,
        "color": ink, "text-wrap": "ellipsis", "text-max-width": 140, "text-valign": "bottom", "text-margin-y": 2,
        "text-background-color": dark ? "#1e2129" : "#ffffff", "text-background-opacity": 0.75,
        "text-background-padding": 1, "border-width": 0.8, "border-color": dark ? "#1e2129" : "#3c4043" } },
      { selector: "node[kind = 'topic']", style: { "width": 10, "height": 10 } },
      { selector: "node[glyph]", style: { "background-image": "data(glyph)", "background-fit": "contain",
        "background-clip": "node", "background-image-containment": "inside" } },
      { selector: "node[kind = 'topic']", style: { "shape": "round-rectangle", "background-color": dark ? "#2a2f3a" : "#f1f3f4",
        "background-opacity": 0.55, "border-width": 1.5, "border-style": "dashed", "border-color": dark ? "#9aa0a6" : "#5f6368",
        "label": "data(label)", "text-valign": "top", "text-halign": "center", "font-size": 20, "font-weight": "bold",
        "min-zoomed-font-size": 0, "text-margin-y": -4, "padding": 14, "text-wrap": "none", "text-max-width": 1000, "compound-sizing-wrt-labels": "exclude", "color": ink, "text-background-opacity": 0.9,
        "events": "no" } },
      { selector: "edge", style: { "width": 0.8, "line-color": dark ? "#5f6368" : "#b0b4b9", "opacity": 0.75,
        "curve-style": "haystack" } },
      { selector: "edge[stance]", style: { "curve-style": arrows ? "straight" : "haystack", "width": 1.2,
        "arrow-scale": 0.7 } },
      { selector: "edge[stance = 'supports']", style: { "line-color": STANCE.supports, "source-arrow-color": STANCE.supports,
        "source-arrow-shape": arrows ? "triangle" : "none" } },
      { selector: "edge[stance = 'contradicts']", style: { "line-color": STANCE.contradicts, "width": 2,
        "source-arrow-color": STANCE.contradicts, "source-arrow-shape": arrows ? "tee" : "none" } },
      { selector: "edge[stance = 'qualifies']", style: { "line-color": STANCE.qualifies, "line-style": "dotted",
        "width": 1.6 } },
      { selector: "edge[stance = 'mentions']", style: { "line-color": STANCE.mentions, "line-style": "dashed",
        "line-dash-pattern": [6, 3] } },
      { selector: ".faded", style: { "opacity": 0.12, "text-opacity": 0 } },
      { selector: "node[kind = 'topic'].faded", style: { "opacity": 0.35, "text-opacity": 0.6 } },
      { selector: "node.hl", style: { "min-zoomed-font-size": 0, "z-index": 10, "border-width": 2, "border-color": ring } },
      { selector: "edge.hl", style: { "line-color": dark ? "#e8eaed" : "#3c4043", "width": 1.8, "opacity": 1 } },
      { selector: ".focus", style: { "border-width": 4, "border-color": ring, "min-zoomed-font-size": 0, "z-index": 30 } },
      { selector: ".match", style: { "border-width": 3, "border-color": "#fbbc04", "min-zoomed-font-size": 0, "z-index": 20 } },
      { selector: ".selected", style: { "border-width": 4, "border-style": "double", "border-color": ring,
        "min-zoomed-font-size": 0, "z-index": 40 } },
      { selector: "node.cursor", style: { "overlay-color": "#1a73e8", "overlay-opacity": 0.25, "overlay-padding": 6,
        "min-zoomed-font-size": 0, "font-size": 12, "font-weight": "bold", "z-index": 50 } },
      { selector: "node.trace", style: { "min-zoomed-font-size": 0, "border-width": 2, "border-color": ring, "z-index": 25 } },
      { selector: "edge.trace", style: { "width": 2.4, "opacity": 1 } }
    ];
  }

  function nodeData(n, degree, glyph) {
    var claim = n.kind === "claim";
    var verdict = n.verdict || "no-evidence";
    var d = { id: n.id, kind: n.kind, label: short(n.label, 60), full: String(n.label || ""), url: n.url || "",
              topic: n.topic || "", verdict: claim ? verdict : "", grade: n.grade || "", design: n.design || "",
              n: n.n === undefined ? "" : n.n, findings: n.findings || null,
              color: claim ? (VERDICT[verdict] || VERDICT["no-evidence"]) : (KIND[n.kind] || "#999"),
              shape: SHAPE[n.kind] || "ellipse", size: 10 + Math.min(22, 3 * Math.sqrt(degree || 0)) };
    if (claim && glyph[verdict]) { d.glyph = glyph[verdict]; d.size = Math.max(d.size, 14); }
    return d;
  }

  function short(text, n) { text = String(text || ""); return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  // One line that names a node in words: what it is, its name, and for a claim its verdict.
  function describe(n) {
    var text = (WORDS.kind[n.data("kind")] || n.data("kind")) + ": " + n.data("full");
    if (n.data("kind") === "claim") { text += " — " + (WORDS.verdict[n.data("verdict")] || "No evidence found"); }
    if (n.data("topic")) { text += " (topic " + n.data("topic") + ")"; }
    return text;
  }

  window.evkbLook = { VERDICT: VERDICT, KIND: KIND, WORDS: WORDS, glyphs: glyphs, style: style, nodeData: nodeData,
                      short: short, describe: describe };
})();
