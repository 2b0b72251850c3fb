/* Briefings: small accessibility fixes to Material's markup, and the in-page filters. */

/* The words this script shows, in the site's language: generated/assets/words.json (written by
   `briefings build` from its message catalogue), and Material's own for its search box. English
   until they are loaded, and where they cannot be (a copy of the site opened from disk). */
var words = {
  search: "Search",
  results: "Search results",
  close: "Close",
  unavailable: "Search is not available on this copy of the site",
  older: "Search older briefings too (%(years)s)",
  shown: "%(shown)s of %(total)s shown",
  events_shown: "%(shown)s of %(total)s events shown",
  "search.result.placeholder": "Type to start searching",
  "search.result.none": "No matching documents",
  "search.result.one": "1 matching document",
  "search.result.other": "# matching documents"
};
(function () {
  var config = document.getElementById("__config");
  try {
    Object.assign(words, (config && JSON.parse(config.textContent).translations) || {});
  } catch (e) { /* Material's words stay English */ }
})();
var wordsLoaded = (function () {
  var script = document.currentScript;
  if (!script || !window.fetch) return Promise.resolve();
  return fetch(new URL("../generated/assets/words.json", script.src).href)
    .then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (found) { Object.assign(words, found); })
    .catch(function () { /* English */ });
})();
function counted(template, shown, total) {
  return template.replace("%(shown)s", shown).replace("%(total)s", total);
}

/* Material's search dialog has no accessible name (axe: aria-dialog-name). */
document.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
  dialog.setAttribute("aria-label", words.search);
  wordsLoaded.then(function () { dialog.setAttribute("aria-label", words.search); });
});

/* Timeline pages: show only the events that match every chosen actor, topic, place and kind.
   Each event carries its values as space-separated ids in data-actors, data-topics, ... */
document.querySelectorAll("form.bf-facets").forEach(function (form) {
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var events = Array.prototype.slice.call(document.querySelectorAll(".bf-event"));
  var months = Array.prototype.slice.call(document.querySelectorAll(".bf-month"));
  var output = form.querySelector("output");
  function apply() {
    var chosen = selects
      .filter(function (s) { return s.value; })
      .map(function (s) { return [s.getAttribute("data-facet"), s.value]; });
    var shown = 0;
    events.forEach(function (event) {
      var match = chosen.every(function (c) {
        return (event.getAttribute("data-" + c[0]) || "").split(" ").indexOf(c[1]) >= 0;
      });
      event.hidden = !match;
      if (match) shown += 1;
    });
    months.forEach(function (month) {
      month.hidden = !month.querySelector(".bf-event:not([hidden])");
    });
    output.textContent = chosen.length ? counted(words.events_shown, shown, events.length) : "";
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
});

/* A-Z indexes: a filter box that hides the names that do not contain what is typed. */
document.querySelectorAll(".bf-filter").forEach(function (box) {
  var input = box.querySelector("input");
  var output = box.querySelector("output");
  var list = box.nextElementSibling;
  if (!input || !list) return;
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  var sections = Array.prototype.slice.call(list.querySelectorAll("section"));
  var fold = function (s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var texts = items.map(function (li) { return fold(li.textContent); });
  input.addEventListener("input", function () {
    var q = fold(input.value.trim());
    var shown = 0;
    items.forEach(function (li, i) {
      li.hidden = q !== "" && texts[i].indexOf(q) < 0;
      if (!li.hidden) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("li:not([hidden])");
    });
    output.textContent = q ? counted(words.shown, shown, items.length) : "";
  });
  box.hidden = false;
});

/* Search: Pagefind's index (pagefind/ at the site root, built by `briefings build`, with the
   shards of a big site under pagefind/shards/) answers the
   query typed into Material's search box (or, built by Zensical, into a dialog of ours); results
   are shown in Material's own result markup.
   Pagefind fetches only the index fragments a query needs, so search stays fast at any size.
   Material's built-in index holds only the hand-written pages; its result list is hidden. */
(function () {
  var script = document.currentScript;
  var input = document.querySelector("input.md-search__input");
  var scroll = document.querySelector(".md-search-result");
  if (script && (!input || !scroll) && document.querySelector(".md-search__button")) {
    /* Zensical draws a search dialog of its own, over its own index (which leaves the generated
       pages out): its search button opens this dialog instead, answered by Pagefind too. */
    var dialog = document.createElement("dialog");
    dialog.className = "bf-search";
    input = document.createElement("input");
    input.type = "search";
    input.className = "md-search__input";
    input.autocomplete = "off";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "bf-search__close";
    var label = function () {
      dialog.setAttribute("aria-label", words.search);
      input.placeholder = words.search;
      input.setAttribute("aria-label", words.search);
      close.textContent = words.close;
    };
    label();
    wordsLoaded.then(label);
    close.addEventListener("click", function () { dialog.close(); });
    var bar = document.createElement("div");
    bar.className = "bf-search__bar";
    bar.append(input, close);
    scroll = document.createElement("div");
    scroll.className = "md-search-result bf-search__results";
    dialog.append(bar, scroll);
    document.body.append(dialog);
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (target instanceof Element && target.closest(".md-search__button")) {
        event.preventDefault();
        event.stopImmediatePropagation();
        dialog.showModal();
        input.focus();
      }
    }, true);
    document.addEventListener("keydown", function (event) { /* its shortcuts: Ctrl+K, Cmd+K, "/" */
      var typing = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
      var k = event.key && event.key.toLowerCase();
      if (((event.ctrlKey || event.metaKey) && k === "k") || (k === "/" && !typing)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        if (!dialog.open) dialog.showModal();
        input.focus();
      }
    }, true);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close(); /* a click on the backdrop */
    });
  }
  if (!script || !input || !scroll) return;
  var bundle = new URL("../pagefind/pagefind.js", script.src).href;
  var base = new URL("../", script.src).pathname;
  var meta = document.createElement("div");
  meta.className = "md-search-result__meta bf-meta";
  meta.textContent = words["search.result.placeholder"];
  var list = document.createElement("ol");
  list.className = "md-search-result__list bf-results";
  list.setAttribute("aria-label", words.results);
  wordsLoaded.then(function () { list.setAttribute("aria-label", words.results); });
  scroll.append(meta, list);
  /* A button under the results: search the older years too (a very big site's index keeps the
     briefings of its older years apart, pagefind/older.json, so that a query reads less). */
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button bf-older";
  more.hidden = true;
  scroll.append(more);
  var engine = null;
  var older = null; /* the older years' shards and years, until they are merged in */
  function listed(name) {
    return fetch(new URL(name, bundle))
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }
  function merge(pagefind, shards) {
    return Promise.all(shards.map(function (path) {
      return pagefind.mergeIndex(new URL(path, bundle).href, { baseUrl: base });
    }));
  }
  function load() {
    if (!engine) {
      engine = import(bundle).then(function (pagefind) {
        pagefind.options({ baseUrl: base, excerptLength: 20 });
        pagefind.init();
        /* A big site's index comes in shards (pagefind/shards.json lists them): merge them in. */
        return Promise.all([listed("shards.json"), listed("older.json")])
          .then(function (found) {
            older = found[1] && Array.isArray(found[1].shards) && found[1].shards.length ? found[1] : null;
            return merge(pagefind, Array.isArray(found[0]) ? found[0] : []);
          })
          .then(function () { return pagefind; });
      });
    }
    return engine;
  }
  var widened = null;
  function widen(pagefind) { /* the older years are merged in, once */
    if (!widened) {
      var shards = older ? older.shards : [];
      older = null;
      widened = merge(pagefind, shards);
    }
    return widened;
  }
  function offer() {
    more.hidden = !older || !input.value.trim();
    if (older) {
      var years = older.first === older.last ? String(older.first) : older.first + "\u2013" + older.last;
      more.textContent = words.older.replace("%(years)s", years);
    }
  }
  more.addEventListener("click", function () {
    more.hidden = true;
    load().then(widen).then(search);
  });
  /* The excerpt is escaped text with <mark> around matches: rebuild it as text and <mark> nodes. */
  var decoder = document.createElement("textarea"); /* decodes entities, keeps spaces, makes no elements */
  function excerpt(html) {
    var p = document.createElement("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      decoder.innerHTML = part;
      var text = document.createTextNode(decoder.value);
      if (marked) {
        var m = document.createElement("mark");
        m.append(text);
        p.append(m);
      } else {
        p.append(text);
      }
      return marked;
    }, false);
    return p;
  }
  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    h.textContent = (data.meta && data.meta.title) || data.url;
    article.append(h, excerpt(data.excerpt || ""));
    a.append(article);
    li.append(a);
    return li;
  }
  /* Pages of actors, events, places and topics are indexed in records of many pages (pagefind/
     records/SECTION/K.html), one heading per page, its id the page's folder: each matching
     heading is a result of its own, linked to its page. Results whose title holds every word of
     the query come first. */
  var RECORD = "pagefind/records/";
  var fold = function (s) { return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
  function expand(datas, query) {
    var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var named = [], rest = [];
    function add(found) {
      var title = fold((found.meta && found.meta.title) || "");
      (words.length && words.every(function (w) { return title.indexOf(w) >= 0; }) ? named : rest).push(found);
    }
    datas.forEach(function (data) {
      var at = data.url.indexOf(RECORD);
      if (at < 0) { add(data); return; }
      var section = data.url.slice(at + RECORD.length).split("/")[0];
      (data.sub_results || []).forEach(function (sub) {
        var id = sub.url.split("#")[1];
        try { id = decodeURIComponent(id || ""); } catch (e) { /* as it is */ }
        if (!id) return;
        add({
          url: base + "generated/" + section + "/" + encodeURIComponent(id) + "/",
          meta: { title: sub.title },
          excerpt: sub.excerpt
        });
      });
    });
    return named.concat(rest);
  }
  var latest = 0;
  function search() {
    var query = input.value.trim();
    var n = ++latest;
    if (!query) {
      list.replaceChildren();
      meta.textContent = words["search.result.placeholder"];
      offer();
      return;
    }
    var total = 0;
    load()
      .then(function (pagefind) {
        /* the best records are asked for on their own too: a name used in many briefings can
           rank its record below them all */
        function ask() {
          return Promise.all([pagefind.search(query), pagefind.search(query, { filters: { kind: "names" } })]);
        }
        return ask().then(function (found) {
          /* nothing in the newest years: the older years are searched at once */
          if (found[0].results.length || !older || n !== latest) return found;
          return widen(pagefind).then(ask);
        });
      })
      .then(function (found) {
        if (n !== latest) return null;
        total = found[0].results.length;
        var seen = {};
        var picked = found[0].results.slice(0, 10).concat(found[1].results.slice(0, 3)).filter(function (r) {
          return seen[r.id] ? false : (seen[r.id] = true);
        });
        return Promise.all(picked.map(function (r) { return r.data(); }));
      })
      .then(function (datas) {
        if (!datas || n !== latest) return;
        var shown = expand(datas, query);
        var count = total - datas.length + shown.length; /* a record counts the pages it matched */
        meta.textContent =
          count === 0 ? words["search.result.none"] : count === 1 ? words["search.result.one"] : words["search.result.other"].replace("#", count);
        list.replaceChildren.apply(list, shown.slice(0, 20).map(item));
        offer();
      })
      .catch(function () {
        if (n === latest) meta.textContent = words.unavailable;
      });
  }
  input.addEventListener("input", search);
  input.addEventListener("focus", load, { once: true });
})();

/* Maps pan and zoom (svg-pan-zoom, vendored in assets/vendor/): drag to move, the + and - buttons
   or a double click to zoom. Points and labels keep their size as the map grows. */
if (window.svgPanZoom) {
  document.querySelectorAll("svg.bf-map-svg").forEach(function (svg) {
    var frame = (svg.getAttribute("viewBox") || "").split(" ");
    if (frame.length === 4) svg.style.aspectRatio = frame[2] + " / " + frame[3];  /* (it drops the viewBox) */
    var marks = Array.prototype.slice.call(svg.querySelectorAll(".bf-points circle"));
    marks.forEach(function (mark) { mark.dataset.r = mark.getAttribute("r") || ""; });
    var labels = svg.querySelector(".bf-labels");
    var size = labels ? parseFloat(labels.getAttribute("font-size")) : 12;
    var stroke = labels ? parseFloat(labels.getAttribute("stroke-width")) : 3;
    svgPanZoom(svg, {
      controlIconsEnabled: true,
      mouseWheelZoomEnabled: false,  /* the page scrolls as usual over a map */
      dblClickZoomEnabled: true,
      minZoom: 1,
      maxZoom: 40,
      zoomScaleSensitivity: 0.5,
      onZoom: function (zoom) {
        marks.forEach(function (mark) {
          if (mark.dataset.r) mark.setAttribute("r", String(parseFloat(mark.dataset.r) / zoom));
        });
        if (labels) {
          labels.setAttribute("font-size", String(size / zoom));
          labels.setAttribute("stroke-width", String(stroke / zoom));
        }
      }
    });
  });
}
