namespace Tricks.Gallery;

/// <summary>
/// The site's one script (<c>site.js</c>, no network, works from <c>file://</c>): the search box over
/// <see cref="SearchIndex"/>'s entries (loaded as a script, not fetched), and the charts' colours following the
/// reader's system setting (<c>prefers-color-scheme</c>), switched back and forth when it changes.
/// </summary>
public static class SiteScript
{
    /// <summary>The script's file name in the site.</summary>
    public const string File = "site.js";

    /// <summary>The script.</summary>
    public const string Js = """
        (function () {
          "use strict";
          // Search: every term must begin a word of the entry ("ece" finds "ECE", not "pieces"); the title counts
          // most, then the heading, then how often the text has the phrase.
          function escape(t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
          function word(t) { return new RegExp("(^|[^a-z0-9])" + escape(t), "g"); }
          function search(query) {
            var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
            if (terms.length === 0 || !window.TRICKS_SEARCH) return [];
            var phrase = word(terms.join(" ")), hits = [];
            window.TRICKS_SEARCH.forEach(function (e) {
              var t = e.t.toLowerCase(), h = e.h.toLowerCase(), x = e.x.toLowerCase(), all = t + " " + h + " " + x;
              if (!terms.every(function (w) { return word(w).test(all); })) return;
              var score = (t.match(phrase) ? 100 : 0) + (h.match(phrase) ? 10 : 0) + Math.min(9, (x.match(phrase) || []).length);
              hits.push({ e: e, score: score, at: Math.max(0, x.search(word(terms[0]))) });
            });
            hits.sort(function (a, b) { return b.score - a.score; });
            return hits.slice(0, 8);
          }
          function snippet(text, at) {
            var start = Math.max(0, at - 40);
            return (start > 0 ? "\u2026" : "") + text.substr(start, 120) + (start + 120 < text.length ? "\u2026" : "");
          }
          function showResults(box, list) {
            list.textContent = "";
            search(box.value).forEach(function (hit) {
              var li = document.createElement("li"), a = document.createElement("a"), small = document.createElement("small");
              a.href = hit.e.p;
              a.textContent = hit.e.t + (hit.e.h && hit.e.h !== hit.e.t ? " \u203a " + hit.e.h : "");
              small.textContent = snippet(hit.e.x, hit.at);
              li.appendChild(a); li.appendChild(small); list.appendChild(li);
            });
          }
          // Charts: Plotly layouts drawn light by the notebooks; in dark mode their backgrounds, text and grids follow the page.
          var dark = { paper_bgcolor: "#0d1117", plot_bgcolor: "#151b23", font: "#e6edf3", grid: "#3d444d", line: "#9198a1" };
          function theme(chart, isDark) {
            if (!window.Plotly || !chart.layout) return;
            var layout = chart.layout;
            if (!chart._tricksLight) {
              var light = { paper_bgcolor: layout.paper_bgcolor || "#ffffff", plot_bgcolor: layout.plot_bgcolor || "#ffffff",
                            "font.color": (layout.font && layout.font.color) || "#444444" };
              Object.keys(layout).filter(function (k) { return /^[xy]axis\d*$/.test(k); }).forEach(function (k) {
                light[k + ".gridcolor"] = layout[k].gridcolor || "#eeeeee";
                light[k + ".zerolinecolor"] = layout[k].zerolinecolor || "#444444";
                light[k + ".linecolor"] = layout[k].linecolor || "#444444";
              });
              chart._tricksLight = light;
            }
            var update = {};
            Object.keys(chart._tricksLight).forEach(function (k) {
              update[k] = !isDark ? chart._tricksLight[k]
                : k === "paper_bgcolor" ? dark.paper_bgcolor : k === "plot_bgcolor" ? dark.plot_bgcolor : k === "font.color" ? dark.font
                : /gridcolor$/.test(k) ? dark.grid : dark.line;
            });
            window.Plotly.relayout(chart, update);
          }
          var scheme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
          function themeAll() {
            var isDark = !!(scheme && scheme.matches);
            document.documentElement.setAttribute("data-theme", isDark ? "dark" : "light");
            Array.prototype.forEach.call(document.querySelectorAll(".js-plotly-plot"), function (c) { theme(c, isDark); });
          }
          window.addEventListener("load", function () {
            var box = document.getElementById("search"), list = document.getElementById("search-results");
            if (box && list) {
              box.addEventListener("input", function () { showResults(box, list); });
              box.addEventListener("keydown", function (e) { if (e.key === "Escape") { box.value = ""; list.textContent = ""; } });
              if (box.value) showResults(box, list);
            }
            themeAll();
            setTimeout(themeAll, 300); // a chart still waiting for plotly.js when the page loaded
            if (scheme && scheme.addEventListener) scheme.addEventListener("change", themeAll);
          });
          window.TricksSearch = search;
        })();
        """;
}
