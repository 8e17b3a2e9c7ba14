namespace Tricks.Gallery;

/// <summary>
/// The site's one stylesheet (<c>site.css</c>): light and dark colours from the reader's system setting
/// (<c>prefers-color-scheme</c>), a card grid for the index, a sidebar table of contents on wide screens that moves
/// above the page on narrow ones, and nothing wider than a 400 px phone outside code blocks, tables and charts (which
/// scroll inside themselves).
/// </summary>
public static class SiteStyle
{
    /// <summary>The stylesheet's file name in the site.</summary>
    public const string File = "site.css";

    /// <summary>The stylesheet.</summary>
    public const string Css = """
        :root{--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--code:#f6f8fa;--link:#0969da;
          --good:#1a7f37;--bad:#cf222e;--neutral:#9a6700;color-scheme:light}
        @media (prefers-color-scheme: dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;
          --code:#151b23;--link:#4493f8;--good:#3fb950;--bad:#f85149;--neutral:#d29922;color-scheme:dark}}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:var(--bg);color:var(--fg);line-height:1.5;overflow-wrap:break-word}
        a{color:var(--link)}
        header.top{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:10px 16px;border-bottom:1px solid var(--line);position:relative}
        header.top .home{font-weight:600;text-decoration:none;color:var(--fg)}
        header.top input{flex:1 1 160px;min-width:0;max-width:360px;padding:5px 8px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
        #search-results{position:absolute;top:100%;left:16px;right:16px;max-width:560px;margin:0;padding:0;list-style:none;background:var(--bg);
          border:1px solid var(--line);border-radius:6px;z-index:10}
        #search-results:empty{display:none}
        #search-results li{padding:6px 10px;border-bottom:1px solid var(--line)}
        #search-results small{display:block;color:var(--muted)}
        .layout{display:flex;gap:24px;max-width:1200px;margin:0 auto;padding:0 16px}
        main{flex:1;min-width:0;padding-bottom:3em}
        nav.toc{flex:0 0 220px;position:sticky;top:0;align-self:flex-start;max-height:100vh;overflow-y:auto;padding:16px 0;font-size:14px}
        nav.toc ol{list-style:none;padding-left:0;margin:0}
        nav.toc li.h3{padding-left:12px}
        nav.toc a{color:var(--muted);text-decoration:none}
        nav.toc a:hover{color:var(--link)}
        @media (max-width:800px){.layout{display:block}nav.toc{position:static;max-height:none;border-bottom:1px solid var(--line)}}
        pre{background:var(--code);padding:8px;overflow-x:auto;font-size:13px;max-width:100%}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        details.code summary{color:var(--muted);font-size:12px;cursor:pointer}
        .out{margin:6px 0 14px;max-width:100%;overflow-x:auto}
        .out img,.md img{max-width:100%;height:auto}
        .error{color:var(--bad)}
        table{border-collapse:collapse;margin:6px 0}
        .scroll{max-width:100%;overflow-x:auto}
        td,th{border:1px solid var(--line);padding:2px 8px;vertical-align:top}
        .held,.reproduced{color:var(--good);font-weight:600}.failed,.not-reproduced{color:var(--bad);font-weight:600}.inconclusive{color:var(--neutral);font-weight:600}
        .meta{color:var(--muted)}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:16px;padding:0;list-style:none}
        .card{background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden;display:flex;flex-direction:column}
        .card img{width:100%;height:auto;display:block;background:#fff;border-bottom:1px solid var(--line)}
        .card .body{padding:10px 12px;display:flex;flex-direction:column;gap:6px}
        .card h2{font-size:17px;margin:0}
        .card p{margin:0;font-size:14px}
        .badge{display:inline-block;font-size:12px;border:1px solid currentColor;border-radius:10px;padding:0 7px;margin:0 4px 4px 0}
        .pager{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap;margin:2em 0;border-top:1px solid var(--line);padding-top:1em}
        .runinfo dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
        .runinfo dt{color:var(--muted)}
        .runinfo dd{margin:0}
        """;
}
