// factdiff review: keyboard-first decisions. Loaded from a file (the page's CSP allows no inline script).
// j/k move, c confirm, d dismiss, f defer, n note, o open the article, ? help. Mouse works too:
// the buttons are plain forms, which this script sends with fetch and swaps the finding in place.
(function () {
  "use strict";
  var KEYS = { c: "confirmed", d: "dismissed", f: "deferred" };
  var current = -1;

  function cards() { return Array.prototype.slice.call(document.querySelectorAll("#findings .finding")); }
  function csrf() { var m = document.querySelector('meta[name="csrf-token"]'); return m ? m.content : ""; }
  function editorInput() { return document.getElementById("editor"); }
  function say(text) { var live = document.getElementById("live"); if (live) live.textContent = text; }

  function select(i, scroll) {
    var all = cards();
    if (!all.length) return;
    i = Math.max(0, Math.min(all.length - 1, i));
    all.forEach(function (c) { c.classList.remove("current"); c.removeAttribute("aria-current"); });
    current = i;
    var card = all[i];
    card.classList.add("current");
    card.setAttribute("aria-current", "true");
    if (scroll !== false) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    }
    if (history.replaceState) history.replaceState(null, "", location.pathname + location.search + "#" + card.id);
  }

  function send(form, decision) {
    var data = new URLSearchParams(new FormData(form));
    data.set("decision", decision);
    var editor = editorInput();
    data.set("editor", editor ? editor.value : "");
    var card = form.closest(".finding");
    var index = cards().indexOf(card);
    card.classList.add("busy");
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf(), "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.text().then(function (html) {
        if (response.status !== 200 && response.status !== 409) {
          card.classList.remove("busy");
          say("Not saved: " + html);
          return;
        }
        var before = card.querySelector(".badge");
        var holder = document.createElement("div");
        holder.innerHTML = html;  // server-rendered, escaped by the templates
        var fresh = holder.querySelector(".finding");
        card.replaceWith(fresh);
        var after = fresh.querySelector(".badge");
        if (before && after) { count(before.dataset.status, -1); count(after.dataset.status, 1); }
        select(index, false);
        fresh.focus({ preventScroll: true });
        if (response.status === 409) {
          say("This finding was changed by someone else meanwhile; decide again to apply your choice.");
        } else {
          var badge = fresh.querySelector(".badge");
          say(fresh.dataset.id + ": " + (badge ? badge.textContent : decision));
        }
      });
    }).catch(function (err) {
      card.classList.remove("busy");
      say("Not saved: " + err);
    });
  }

  function count(status, delta) {  // the header's tally of findings by status
    var n = document.querySelector('[data-count="' + status + '"] .n');
    if (n) n.textContent = String(parseInt(n.textContent, 10) + delta);
  }

  function decideCurrent(decision) {
    var card = cards()[current];
    if (!card) return;
    var form = card.querySelector("form.decide");
    if (form) send(form, decision);
  }

  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
  }

  function toggleHelp() {
    var help = document.getElementById("help");
    var button = document.getElementById("help-toggle");
    if (!help) return;
    help.hidden = !help.hidden;
    if (button) button.setAttribute("aria-expanded", String(!help.hidden));
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) return;
    var target = event.target;
    if (typing(target)) {
      if (target.name === "note" && event.key === "Enter" && event.ctrlKey) {
        event.preventDefault();
        send(target.form, "note");
      } else if (event.key === "Escape") {
        target.blur();
        var card = target.closest && target.closest(".finding");
        if (card) card.focus({ preventScroll: true });
      }
      return;
    }
    if (event.ctrlKey) return;
    if (!document.getElementById("findings")) return;
    var key = event.key;
    if (key === "j") { select(current + 1); event.preventDefault(); }
    else if (key === "k") { select(current - 1); event.preventDefault(); }
    else if (KEYS[key]) { decideCurrent(KEYS[key]); event.preventDefault(); }
    else if (key === "n") {
      var card = cards()[current];
      var note = card && card.querySelector("textarea[name=note]");
      if (note) { note.focus(); event.preventDefault(); }
    } else if (key === "o") {
      var link = cards()[current] && cards()[current].querySelector("a.full");
      if (link) { location.href = link.href; event.preventDefault(); }
    } else if (key === "?") { toggleHelp(); event.preventDefault(); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("decide")) return;
    event.preventDefault();
    var button = event.submitter;
    var index = cards().indexOf(form.closest(".finding"));
    if (index >= 0) select(index, false);
    send(form, button && button.value ? button.value : "note");
  });

  document.addEventListener("click", function (event) {
    var card = event.target.closest && event.target.closest("#findings .finding");
    if (card && !event.target.closest("button, a, textarea, input")) select(cards().indexOf(card), false);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var editor = editorInput();
    if (editor) {
      try { editor.value = localStorage.getItem("factdiff-editor") || ""; } catch (e) { /* storage off */ }
      editor.addEventListener("change", function () {
        try { localStorage.setItem("factdiff-editor", editor.value); } catch (e) { /* storage off */ }
      });
    }
    var help = document.getElementById("help-toggle");
    if (help) help.addEventListener("click", toggleHelp);
    var all = cards();
    var start = 0;
    if (location.hash) {
      var found = all.findIndex(function (c) { return "#" + c.id === decodeURIComponent(location.hash); });
      if (found >= 0) start = found;
    }
    if (all.length) select(start, start > 0);
    document.body.classList.add("js");
  });
})();
