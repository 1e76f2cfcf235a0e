/* The Mini App's core: the launch data read from the address's fragment (as Telegram's own
   script reads it, so the page needs no script from elsewhere), the theme, the calls to the
   API (each carrying the launch data for the server to check), and the tabs. */
"use strict";

(function () {
  const App = window.EEApp;
  const KEPT = "ee-drawbot.launch";

  function launchParams() {
    let params = new URLSearchParams(location.hash.slice(1));
    if (params.get("tgWebAppData")) {
      try { sessionStorage.setItem(KEPT, location.hash.slice(1)); } catch (e) { /* private mode */ }
    } else {
      let kept = null;
      try { kept = sessionStorage.getItem(KEPT); } catch (e) { /* private mode */ }
      if (kept) params = new URLSearchParams(kept);
    }
    let theme = {};
    try { theme = JSON.parse(params.get("tgWebAppThemeParams") || "{}") || {}; } catch (e) { theme = {}; }
    return { data: params.get("tgWebAppData") || "", theme: theme };
  }

  function luminance(hex) {
    const digits = hex.length === 4 ? hex.slice(1).split("").map((c) => c + c).join("") : hex.slice(1, 7);
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function applyTheme(theme) {
    const root = document.documentElement;
    for (const [name, value] of Object.entries(theme)) {
      if (/^[a-z_]{1,40}$/.test(name) && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(String(value))) {
        root.style.setProperty("--tg-theme-" + name.replace(/_/g, "-"), value);
      }
    }
    const bg = theme.bg_color;
    if (typeof bg === "string" && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(bg)) {
      root.dataset.scheme = luminance(bg) < 0.5 ? "dark" : "light";
      root.style.colorScheme = root.dataset.scheme;
    }
  }

  const launch = launchParams();
  applyTheme(launch.theme);
  const telegram = window.Telegram && window.Telegram.WebApp;
  if (telegram) {
    try {
      telegram.ready();
      telegram.expand();
      telegram.onEvent("themeChanged", () => applyTheme(telegram.themeParams || {}));
    } catch (e) { /* an older client */ }
  }

  App.state = { session: null, draws: null, alerts: null, tab: "draws" };

  App.api = async function (path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    init.headers = Object.assign({ Authorization: "tma " + launch.data }, init.headers);
    if (init.json !== undefined) {
      init.body = JSON.stringify(init.json);
      init.headers["Content-Type"] = "application/json";
      delete init.json;
    }
    const response = await fetch("api/" + path, init);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const failed = App.state.session ? App.state.session.labels.failed : "Error " + response.status;
      const error = new Error((body && body.error) || failed);
      error.status = response.status;
      throw error;
    }
    return body;
  };

  App.label = function (name) {
    return App.state.session.labels[name] || name;
  };

  App.toast = function (text, isError) {
    const box = document.getElementById("toast");
    box.textContent = text;
    box.className = isError ? "error" : "";
    box.hidden = false;
    clearTimeout(App.toast.timer);
    App.toast.timer = setTimeout(() => { box.hidden = true; }, isError ? 6000 : 4000);
  };

  App.openLink = function (event, url) {
    if (telegram && typeof telegram.openLink === "function") {
      event.preventDefault();
      telegram.openLink(url);
    }
  };

  const TABS = ["draws", "trends", "pool", "times", "alerts"];

  function renderTabs() {
    const nav = document.getElementById("tabs");
    nav.replaceChildren(...TABS.map((tab) => {
      const button = App.el("button", {
        type: "button", role: "tab", "data-tab": tab,
        "aria-selected": String(tab === App.state.tab),
      }, App.label("tab_" + tab));
      button.addEventListener("click", () => show(tab));
      return button;
    }));
  }

  // Each tab shown draws into a view of its own: a screen still loading when another tab is
  // tapped finishes into a view no longer on the page, not over the tab now shown.
  async function show(tab) {
    App.state.tab = tab;
    renderTabs();
    const main = App.el("div", { class: "view" }, App.el("p", { class: "hint" }, App.label("loading")));
    document.getElementById("screen").replaceChildren(main);
    try {
      await App.screens[tab](main);
    } catch (error) {
      main.replaceChildren(App.el("p", { class: "error-text" }, error.message));
    }
  }

  App.restart = async function (tab) {
    App.state.session = await App.api("session");
    App.state.draws = null;
    document.documentElement.lang = App.state.session.language;
    document.title = App.label("title");
    await show(tab || App.state.tab);
  };

  App.restart("draws").catch((error) => {
    document.getElementById("screen").replaceChildren(
      App.el("p", { class: "error-text" }, error.message));
  });
})();
