/* Search in one language's articles, offline and from file://: the index is one script or a few
   (search-index.js, search-index_2.js... written by `workflow build`: each article with its keys),
   loaded before this one.

   A word's key is its stem as a prefix of the word (workflow/editions/stemming.py), so the
   key of a word a reader types is found without a stemmer here: the longest key that begins
   the word, and keys up to two letters shorter (a stemmer may cut a word a little further in
   one form than in another). A word that begins no key is looked up as the start of keys,
   for words typed in part. An article is found when it has every word of the query.
   Titles and leads are untrusted text: they are only ever put in the page as text. */
(function () {
  "use strict";
  var parts = window.workflowSearchParts || [];
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  if (!parts.length || !input || !status || !results) { return; }
  // The index comes in files of up to 1,000 articles each (search-index.js, search-index_2.js...).
  var data = { lang: parts[0].lang, docs: [].concat.apply([], parts.map(function (part) { return part.docs; })) };
  var lang = data.lang;
  // Postings (key -> numbers of the documents that have it) and the keys sorted, for prefixes.
  var postings = new Map();
  data.docs.forEach(function (doc, number) {
    doc[4].split(" ").forEach(function (key) {
      if (!key) { return; }
      var list = postings.get(key);
      if (!list) { postings.set(key, [number]); } else if (list[list.length - 1] !== number) { list.push(number); }
    });
  });
  var keys = Array.from(postings.keys()).sort();

  function lower(text) {
    var base = lang.split("-")[0];
    if (base === "tr" || base === "az") { text = text.replace(/I/g, "ı").replace(/İ/g, "i"); }
    text = text.normalize("NFC").toLocaleLowerCase(lang);
    if (base === "ru" || base === "uk" || base === "be") { text = text.replace(/ё/g, "е"); }
    return text;
  }

  function words(text) {
    return (lower(text).match(/[\p{L}\p{M}\p{N}_]+/gu) || []).filter(function (w) { return w.length >= 2; });
  }

  function firstAtLeast(prefix) {
    var lo = 0, hi = keys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] < prefix) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  function docsOf(word) {
    var found = new Set();
    var best = 0;
    for (var end = word.length; end >= 2; end--) {
      var key = word.slice(0, end);
      if (postings.has(key)) {
        if (!best) { best = end; }
        if (end >= best - 2) { postings.get(key).forEach(function (d) { found.add(d); }); }
      }
    }
    if (!best && word.length >= 3) {
      for (var i = firstAtLeast(word); i < keys.length && keys[i].startsWith(word); i++) {
        postings.get(keys[i]).forEach(function (d) { found.add(d); });
      }
    }
    return found;
  }

  function search(query) {
    var wanted = words(query);
    if (!wanted.length) { return null; }
    var hits = null;
    wanted.forEach(function (word) {
      var docs = docsOf(word);
      hits = hits === null ? docs : new Set(Array.from(hits).filter(function (d) { return docs.has(d); }));
    });
    return Array.from(hits).sort(function (a, b) { return a - b; });
  }

  function show(query) {
    results.textContent = "";
    var hits = search(query);
    if (hits === null) { status.textContent = ""; return; }
    status.textContent = hits.length
      ? status.getAttribute("data-found").replace("%(num)s", String(hits.length))
      : status.getAttribute("data-none");
    hits.forEach(function (number) {
      var doc = data.docs[number];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc[0];
      link.textContent = doc[1];
      item.appendChild(link);
      if (doc[3]) {
        var meta = document.createElement("span");
        meta.className = "meta";
        meta.textContent = doc[3];
        item.appendChild(document.createTextNode(" "));
        item.appendChild(meta);
      }
      if (doc[2]) {
        var lead = document.createElement("p");
        lead.className = "lead";
        lead.textContent = doc[2];
        item.appendChild(lead);
      }
      results.appendChild(item);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  show(query);
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url.href);
    show(input.value);
  });
}());
