/* Building the page without markup from data: App.el makes elements whose text is always
   set as text (never parsed as HTML), and the charts are SVG drawn here, no library. */
"use strict";

window.EEApp = {};
(function () {
  const App = window.EEApp;
  const SVG = "http://www.w3.org/2000/svg";
  App.COLORS = ["#2678b6", "#e8590c", "#2f9e44", "#9c36b5", "#c92a2a", "#0c8599", "#5c940d", "#d6336c"];

  const absent = (value) => value === null || value === undefined || value === false;

  // A node's children, in place of the ones it had: text as text, absent ones left out.
  App.fill = function (node, ...children) {
    node.replaceChildren(...children.flat().filter((child) => !absent(child))
      .map((child) => (typeof child === "string" || typeof child === "number" ? String(child) : child)));
    return node;
  };

  App.el = function (tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (!absent(value)) node.setAttribute(name, value);
    }
    return App.fill(node, ...children);
  };

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function niceRange(low, high, step) {
    return [Math.floor(low / step) * step, Math.ceil(high / step) * step || step];
  }

  /* Cut-offs over time, one line per category; invitations as faint bars on their own scale;
     the reader's score as a dashed line. Tapping a point calls onPick with its draw. */
  App.lineChart = function (options) {
    const W = 360, H = 250, left = 38, right = 40, top = 12, bottom = 26;
    const points = options.series.flatMap((line) => line.points);
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img" });
    if (!points.length) return chart;
    const xs = points.map((p) => p.x);
    let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    if (x0 === x1) { x0 -= 86400000 * 15; x1 += 86400000 * 15; }
    const ys = points.map((p) => p.y).concat(options.own != null ? [options.own] : []);
    const [y0, y1] = niceRange(Math.min(...ys) - 5, Math.max(...ys) + 5, 20);
    const most = Math.max(1, ...options.bars.map((b) => b.y));
    const X = (x) => left + ((x - x0) / (x1 - x0)) * (W - left - right);
    const Y = (y) => top + (1 - (y - y0) / (y1 - y0)) * (H - top - bottom);
    const B = (n) => (n / most) * (H - top - bottom) * 0.9;
    for (let tick = y0; tick <= y1; tick += Math.max(20, Math.round((y1 - y0) / 5 / 20) * 20)) {
      chart.append(svg("line", { x1: left, x2: W - right, y1: Y(tick), y2: Y(tick), class: "grid" }));
      chart.append(svg("text", { x: left - 4, y: Y(tick) + 4, "text-anchor": "end" }, String(tick)));
    }
    chart.append(svg("text", { x: W - right + 4, y: top + 8 }, options.format(most)));
    for (let i = 0; i <= 3; i++) {
      const x = x0 + ((x1 - x0) * i) / 3;
      const label = new Date(x).toLocaleDateString(options.language, { month: "short", year: "2-digit" });
      chart.append(svg("text", { x: X(x), y: H - 8, "text-anchor": i === 0 ? "start" : i === 3 ? "end" : "middle" }, label));
    }
    for (const bar of options.bars) {
      const height = B(bar.y);
      chart.append(svg("rect", { x: X(bar.x) - 1.5, y: H - bottom - height, width: 3, height: height, class: "bar" }));
    }
    if (options.own != null) {
      chart.append(svg("line", { x1: left, x2: W - right, y1: Y(options.own), y2: Y(options.own), class: "own" }));
      chart.append(svg("text", { x: W - right - 2, y: Y(options.own) - 4, "text-anchor": "end" }, options.ownLabel));
    }
    for (const line of options.series) {
      if (line.points.length > 1) {
        const path = line.points.map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(" ");
        chart.append(svg("polyline", { points: path, fill: "none", stroke: line.color, "stroke-width": 2 }));
      }
      for (const point of line.points) {
        const dot = svg("circle", { cx: X(point.x), cy: Y(point.y), r: 4.5, fill: line.color, tabindex: 0, "data-draw": point.draw.id });
        dot.append(svg("title", {}, `${point.draw.name} · ${point.draw.day} · ${point.draw.score_text}`));
        const pick = () => {
          chart.querySelectorAll("circle.chosen").forEach((c) => c.classList.remove("chosen"));
          dot.classList.add("chosen");
          options.onPick(point.draw);
        };
        dot.addEventListener("click", pick);
        dot.addEventListener("keydown", (event) => { if (event.key === "Enter") pick(); });
        chart.append(dot);
      }
    }
    return chart;
  };

  /* The pool by score range, highest first, the range holding the reader's score marked. */
  App.bandChart = function (bands, score, format) {
    const W = 360, row = 20, left = 70, right = 56;
    const chart = svg("svg", { viewBox: `0 0 ${W} ${bands.length * row + 4}`, class: "chart", role: "img" });
    const most = Math.max(1, ...bands.map((b) => b.count));
    bands.forEach((band, i) => {
      const y = i * row + 2;
      const width = (band.count / most) * (W - left - right);
      const mine = score != null && score >= band.low && score <= band.high;
      chart.append(svg("text", { x: left - 6, y: y + 13, "text-anchor": "end" }, `${band.low}–${band.high}`));
      chart.append(svg("rect", { x: left, y: y + 2, width: Math.max(1, width), height: row - 5, rx: 3, class: mine ? "band mine" : "band" }));
      chart.append(svg("text", { x: left + width + 4, y: y + 13 }, format(band)));
    });
    return chart;
  };
})();
