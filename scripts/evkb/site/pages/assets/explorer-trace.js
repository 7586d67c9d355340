/* evkb explorer: the trace of one node, as nested lists: an article -> the claims it makes ->
   the sources each claim cites (and how) -> the findings each citation rests on. From a claim,
   the articles it circulates in come first; from a study, the claims that cite it. Record text
   goes into the DOM with textContent only. */
(function () {
  "use strict";
  var W = function () { return window.evkbLook.WORDS; };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // ui.item(node, note) makes the <li> of one node (a button that shows it, a link to its page)
  function build(cy, node, ui) {
    var chain = node.union(node), kind = node.data("kind");
    var root = el("ul", "evkb-x-trace-tree");

    function edgesOf(n, edgeKind, out) {
      return out ? n.outgoers("edge[kind = '" + edgeKind + "']") : n.incomers("edge[kind = '" + edgeKind + "']");
    }
    function findingsList(ref, edge) {
      var ids = edge.data("findings") || [], words = ref.data("findings") || {};
      if (!ids.length) { return null; }
      var ul = el("ul", "evkb-x-trace-findings");
      ids.forEach(function (fid) {
        var li = el("li", "evkb-x-trace-finding");
        li.appendChild(el("span", "evkb-x-trace-step", "Finding "));
        li.appendChild(el("span", "", words[fid] ? words[fid] : fid + " (not in the findings file)"));
        ul.appendChild(li);
      });
      return ul;
    }
    function sources(claim) {
      var ul = el("ul");
      var cites = edgesOf(claim, "cites", true);
      cites.forEach(function (e) {
        var ref = e.target();
        chain = chain.union(e).union(ref);
        var li = ui.item(ref, "Source", (W().stance[e.data("stance")] || e.data("stance") || "cited") +
          (ref.data("design") ? " · " + ref.data("design") + (ref.data("n") !== "" ? ", n = " + ref.data("n") : "") : ""));
        var f = findingsList(ref, e);
        if (f) { li.appendChild(f); }
        ul.appendChild(li);
      });
      if (!cites.length) { ul.appendChild(el("li", "evkb-x-trace-none", "It cites no source.")); }
      return ul;
    }
    function claimItem(claim, note) {
      chain = chain.union(claim);
      var li = ui.item(claim, "Claim", (W().verdict[claim.data("verdict")] || "No evidence found") + (note ? " · " + note : ""));
      li.appendChild(sources(claim));
      return li;
    }
    function credit(e) {
      var text = W().status[e.data("status")] || "";
      if (e.data("credited")) { text += (text ? ": " : "credited to ") + "“" + e.data("credited") + "”"; }
      return text;
    }

    if (kind === "media") {
      var top = ui.item(node, "Article", "");
      var claims = el("ul");
      edgesOf(node, "circulates", true).forEach(function (e) {
        chain = chain.union(e);
        claims.appendChild(claimItem(e.target(), credit(e)));
      });
      if (!claims.children.length) { claims.appendChild(el("li", "evkb-x-trace-none", "No claim of this article is in this view.")); }
      top.appendChild(claims);
      root.appendChild(top);
    } else if (kind === "claim") {
      var seen = edgesOf(node, "circulates", false);
      var where = el("li", "evkb-x-trace-seen");
      where.appendChild(el("span", "evkb-x-trace-step", seen.length ? "Seen in" : "Seen in no article in this view"));
      var articles = el("ul");
      seen.forEach(function (e) {
        chain = chain.union(e).union(e.source());
        articles.appendChild(ui.item(e.source(), "Article", credit(e)));
      });
      if (seen.length) { where.appendChild(articles); }
      root.appendChild(where);
      root.appendChild(claimItem(node, ""));
    } else if (kind === "reference") {
      var top2 = ui.item(node, "Source", node.data("design") || "");
      var ul2 = el("ul");
      edgesOf(node, "cites", false).forEach(function (e) {
        var claim = e.source();
        chain = chain.union(e).union(claim);
        var li = ui.item(claim, "Claim", (W().verdict[claim.data("verdict")] || "") + " · this source " +
          (W().stance[e.data("stance")] || e.data("stance") || "is cited"));
        var f = findingsList(node, e);
        if (f) { li.appendChild(f); }
        edgesOf(claim, "circulates", false).forEach(function (m) {
          chain = chain.union(m).union(m.source());
        });
        ul2.appendChild(li);
      });
      if (!ul2.children.length) { ul2.appendChild(el("li", "evkb-x-trace-none", "No claim in this view cites it.")); }
      top2.appendChild(ul2);
      root.appendChild(top2);
    } else {
      var top3 = ui.item(node, W().kind[kind] || kind, "");
      var ul3 = el("ul");
      node.neighborhood("node").forEach(function (m) {
        chain = chain.union(m).union(node.edgesWith(m));
        ul3.appendChild(ui.item(m, W().kind[m.data("kind")] || m.data("kind"),
                                m.data("kind") === "claim" ? W().verdict[m.data("verdict")] || "" : ""));
      });
      top3.appendChild(ul3);
      root.appendChild(top3);
    }
    return { tree: root, chain: chain };
  }

  window.evkbTrace = { build: build, el: el };
})();
