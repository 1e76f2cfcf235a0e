/* The five screens: draws, trends, pool, processing times, and the reader's alerts. Every
   word comes from the server in the reader's language; data is only ever set as text. */
"use strict";

(function () {
  const App = window.EEApp;
  const el = (...args) => App.el(...args);
  const L = (name) => App.label(name);
  const PERIODS = { months_6: 183, year_1: 365, years_2: 730, years_5: 1826, all_time: null };
  const EXPRESS_ENTRY = "ee";

  async function allDraws() {
    if (!App.state.draws) App.state.draws = (await App.api("draws")).draws;
    return App.state.draws;
  }

  async function alerts() {
    App.state.alerts = await App.api("alerts");
    return App.state.alerts;
  }

  function safeLink(url) {
    return typeof url === "string" && url.startsWith("https://") ? url : null;
  }

  function drawCard(draw) {
    const change = draw.change_text == null ? L("first_of_category") : draw.change_text;
    const trend = draw.change > 0 ? "up" : draw.change < 0 ? "down" : null;
    const link = safeLink(draw.link);
    const anchor = link && el("a", { href: link, target: "_blank", rel: "noopener noreferrer" },
      draw.confirmed ? L("official") : L("source"));
    if (anchor) anchor.addEventListener("click", (event) => App.openLink(event, link));
    return el("article", { class: draw.confirmed ? "card" : "card unconfirmed", "data-category": draw.category },
      el("h3", {}, draw.name),
      el("div", { class: "when" }, [draw.title, draw.day, draw.time].filter(Boolean).join(" · ")),
      el("dl", { class: "figures" },
        el("div", {}, el("dt", {}, L("invitations")), el("dd", {}, draw.invitations_text || "–")),
        el("div", {}, el("dt", {}, `${L("cutoff")} (${draw.scale})`), el("dd", {}, draw.score_text || "–")),
        el("div", {}, el("dt", {}, L("change")), el("dd", { class: trend }, change))),
      draw.tie_break ? el("div", { class: "hint" }, draw.tie_break) : null,
      draw.confirmed ? null : el("span", { class: "flag" }, L("unconfirmed")),
      anchor ? el("div", {}, anchor) : null);
  }

  function matches(draw, key) {
    if (key === "") return true;
    if (key === EXPRESS_ENTRY) return draw.province === null;
    return draw.category === key || (draw.province === key && !key.includes("-"));
  }

  function filterChoices(selected) {
    const session = App.state.session;
    const option = (value, text) => el("option", { value: value, selected: value === selected }, text);
    const federal = session.categories.filter((c) => !c.province);
    const provincial = session.categories.filter((c) => c.province);
    return el("select", { id: "filter", "aria-label": L("filter") },
      option("", L("every_draw")),
      option(EXPRESS_ENTRY, L("federal")),
      el("optgroup", { label: L("federal") }, federal.map((c) => option(c.key, c.label))),
      provincial.length ? el("optgroup", { label: L("provincial") }, provincial.map((c) => option(c.key, c.label))) : null);
  }

  App.screens = {};

  App.screens.draws = async function (main) {
    const draws = await allDraws();
    const list = el("div", { id: "draws" });
    const select = filterChoices(App.state.filter || "");
    const render = () => {
      App.state.filter = select.value;
      const shown = draws.filter((d) => matches(d, select.value));
      list.replaceChildren(...(shown.length ? shown.map(drawCard) : [el("p", { class: "hint" }, L("no_draws"))]));
    };
    select.addEventListener("change", render);
    main.replaceChildren(el("div", { class: "controls" }, select), list);
    render();
  };

  App.screens.trends = async function (main) {
    const draws = (await allDraws()).filter((d) => d.province === null && d.score !== null && d.date);
    const own = await alerts();
    const score = own.score;
    const keys = [...new Set(draws.map((d) => d.category))];
    const names = Object.fromEntries(draws.map((d) => [d.category, d.name]));
    const subscribed = own.subscriptions.map((sub) => sub.key).filter((key) => keys.includes(key));
    const recent = [...new Set(draws.map((d) => d.category))].slice(0, 3);
    const chosen = new Set(App.state.trendKeys || (subscribed.length ? subscribed : recent));
    const period = el("select", { id: "period", "aria-label": L("period") },
      Object.keys(PERIODS).map((key) => el("option", { value: key, selected: key === (App.state.period || "year_1") }, L(key))));
    const checks = el("div", { class: "checks", id: "trend-categories" }, keys.map((key, i) => {
      const box = el("input", { type: "checkbox", value: key, checked: chosen.has(key) });
      box.addEventListener("change", () => { box.checked ? chosen.add(key) : chosen.delete(key); draw(); });
      return el("label", {}, box, el("span", { class: "swatch", "data-color": i }), names[key]);
    }));
    checks.querySelectorAll(".swatch").forEach((s) => { s.style.background = App.COLORS[s.dataset.color % App.COLORS.length]; });
    const picked = el("div", { id: "picked" }, el("p", { class: "hint" }, L("tap_point")));
    const holder = el("div", { id: "trend-chart" });
    const format = new Intl.NumberFormat(App.state.session.language);
    function draw() {
      App.state.trendKeys = [...chosen];
      App.state.period = period.value;
      const days = PERIODS[period.value];
      const since = days ? Date.now() - days * 86400000 : -Infinity;
      const shown = draws.filter((d) => chosen.has(d.category) && Date.parse(d.date) >= since).reverse();
      holder.replaceChildren(App.lineChart({
        series: keys.map((key, i) => ({ color: App.COLORS[i % App.COLORS.length],
          points: shown.filter((d) => d.category === key).map((d) => ({ x: Date.parse(d.date), y: d.score, draw: d })) }))
          .filter((line) => line.points.length),
        bars: shown.filter((d) => d.invitations !== null).map((d) => ({ x: Date.parse(d.date), y: d.invitations })),
        own: score, ownLabel: `${L("score_line")} ${score}`,
        language: App.state.session.language, format: (n) => format.format(n),
        onPick: (d) => picked.replaceChildren(drawCard(d)),
      }));
    }
    period.addEventListener("change", draw);
    main.replaceChildren(el("div", { class: "controls" }, el("label", {}, L("period"), " ", period)), holder, picked,
      el("h2", {}, L("categories")), checks);
    draw();
  };

  App.screens.pool = async function (main, asked) {
    const found = await App.api("pool" + (asked ? "?score=" + encodeURIComponent(asked) : ""));
    const input = el("input", { type: "number", inputmode: "numeric", min: 0, max: App.state.session.max_score,
      class: "score-input", id: "pool-score", value: found.score, "aria-label": L("your_score") });
    const button = el("button", { type: "button", class: "action" }, L("show"));
    button.addEventListener("click", () => App.screens.pool(main, input.value).catch((e) => App.toast(e.message, true)));
    const change = found.change && el("p", { class: "hint", id: "pool-change" }, found.change);
    App.fill(main,
      el("h2", {}, found.as_of || L("pool_title")),
      el("p", { id: "standing" }, found.standing), change,
      el("div", { class: "controls" }, input, button),
      App.bandChart(found.bands, found.score, (band) => band.count_text));
  };

  App.screens.times = async function (main, query) {
    const found = await App.api("times" + (query || ""));
    if (!found.edition) {
      main.replaceChildren(el("p", { class: "hint" }, L("no_times")));
      return;
    }
    const cell = (now, before) => el("td", {}, now, before && before !== now ? el("span", { class: "was" }, before) : null);
    const table = el("table", { id: "times" },
      el("tr", {}, el("th", {}, L("program")), el("th", {}, L("time_now")), el("th", {}, L("waiting"))),
      found.programs.map((p) => el("tr", {}, el("td", {}, p.name), cell(p.time, p.time_before), cell(p.waiting, p.waiting_before))));
    const program = el("select", { id: "times-program", "aria-label": L("program") },
      found.programs.map((p) => el("option", { value: p.program, selected: found.month && p.program === found.month.program }, p.name)));
    const month = el("input", { type: "month", id: "times-month", value: found.month ? found.month.month : "", placeholder: L("month_hint"), "aria-label": L("month") });
    const button = el("button", { type: "button", class: "action" }, L("show"));
    button.addEventListener("click", () => {
      const query = `?program=${encodeURIComponent(program.value)}&month=${encodeURIComponent(month.value)}`;
      App.screens.times(main, query).catch((e) => App.toast(e.message, true));
    });
    const follow = found.month && el("button", { type: "button", class: "action", id: "follow" }, L("follow"));
    if (follow) {
      follow.addEventListener("click", async () => {
        try {
          const asked = { category: "times", program: found.month.program, month: found.month.month };
          App.toast((await App.api("alerts", { method: "POST", json: asked })).message);
        } catch (error) { App.toast(error.message, true); }
      });
    }
    const history = found.month && el("table", { id: "month" },
      el("tr", {}, el("th", {}, ""), el("th", {}, L("ahead")), el("th", {}, L("left"))),
      found.month.history.map((h) => el("tr", {}, el("td", {}, h.edition), el("td", {}, h.ahead), el("td", {}, h.left))));
    App.fill(main, el("h2", {}, `${L("times_title")} · ${found.edition}`),
      el("p", { class: "hint" }, L("times_note")),
      el("h3", {}, L("month")), el("div", { class: "controls" }, program, month, button), history, follow, table);
  };

  async function change(request, main) {
    try {
      const answer = await request;
      App.toast(answer.message);
    } catch (error) {
      App.toast(error.message, true);
    }
    await App.screens.alerts(main);
  }

  function subscriptionRow(sub, main) {
    const input = el("input", { type: "number", inputmode: "numeric", min: 0, max: App.state.session.max_score,
      class: "score-input", value: sub.score, placeholder: L("any_score"), "aria-label": L("score") });
    const save = el("button", { type: "button", class: "action" }, L("save"));
    const remove = el("button", { type: "button", class: "action quiet" }, L("remove"));
    save.addEventListener("click", () => change(App.api("alerts", { method: "POST",
      json: { category: sub.key, score: input.value === "" ? null : input.value } }), main));
    remove.addEventListener("click", () => change(App.api("alerts?category=" + encodeURIComponent(sub.key), { method: "DELETE" }), main));
    return el("div", { class: "card", "data-key": sub.key }, el("strong", {}, sub.label),
      el("div", { class: "row" }, sub.times ? null : input, sub.times ? null : save, remove));
  }

  App.screens.alerts = async function (main) {
    const own = await alerts();
    const session = App.state.session;
    const category = el("select", { id: "new-category", "aria-label": L("category"), class: "grow" },
      [session.all].concat(session.categories).map((c) => el("option", { value: c.key }, c.label)));
    const score = el("input", { type: "number", inputmode: "numeric", min: 0, max: session.max_score, id: "new-score",
      class: "score-input", placeholder: L("any_score"), "aria-label": L("score") });
    const add = el("button", { type: "button", class: "action", id: "add" }, L("add"));
    add.addEventListener("click", () => change(App.api("alerts", { method: "POST",
      json: { category: category.value, score: score.value === "" ? null : score.value } }), main));
    const language = el("select", { id: "language", "aria-label": L("language") },
      [["en", "English"], ["fr", "Français"]].map(([code, name]) => el("option", { value: code, selected: code === own.language }, name)));
    language.addEventListener("change", async () => {
      try {
        App.toast((await App.api("settings", { method: "POST", json: { language: language.value } })).message);
        await App.restart("alerts");
      } catch (error) { App.toast(error.message, true); }
    });
    const zone = el("input", { id: "zone", value: own.zone, placeholder: L("timezone_hint"), "aria-label": L("timezone"), class: "grow" });
    const saveZone = el("button", { type: "button", class: "action" }, L("save"));
    saveZone.addEventListener("click", async () => {
      try {
        App.toast((await App.api("settings", { method: "POST", json: { timezone: zone.value } })).message);
        await App.restart("alerts");
      } catch (error) { App.toast(error.message, true); }
    });
    main.replaceChildren(
      el("h2", {}, `${L("alerts_title")} · ${own.subscriptions.length}/${session.max_subscriptions}`),
      el("div", { id: "subscriptions" }, own.subscriptions.length
        ? own.subscriptions.map((sub) => subscriptionRow(sub, main))
        : el("p", { class: "hint" }, L("no_alerts"))),
      el("div", { class: "card row" }, category, score, add),
      el("h2", {}, L("language")), el("div", { class: "controls" }, language),
      el("h2", {}, L("timezone")), el("div", { class: "row" }, zone, saveZone));
  };
})();
