/* docgen serve: the cluster form's behaviour (no inline script: the CSP forbids it).
 *
 * - puts each problem of the check's summary beside its field (by element id, or the
 *   nearest enclosing group or list when the field itself is not in the form);
 * - list items: move up, move down, remove, renumber; a new item gets focus;
 * - choices that come from other fields (a host school, a chair) follow those fields;
 * - downloads made on the server start when they are ready;
 * - focus goes to what changed after a save, a refusal or a reload.
 */
(function () {
  "use strict";

  var TITLE_KEYS = ["name", "certificate", "version", "school", "action", "item"];

  function byId(id) { return id ? document.getElementById(id) : null; }

  function form() { return byId("cluster-form"); }

  function edited() {
    var f = form();
    if (f) { f.dispatchEvent(new CustomEvent("docgen:edited", { bubbles: true })); }
  }

  function announce(text) {
    var live = byId("announcer");
    if (!live) {
      live = document.createElement("p");
      live.id = "announcer";
      live.className = "visually-hidden";
      live.setAttribute("aria-live", "assertive");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  /* The element a problem belongs to: its id, or the closest enclosing one present. */
  function targetOf(id) {
    while (id && id.indexOf("-") > 0) {
      var found = byId(id);
      if (found) { return found; }
      id = id.slice(0, id.lastIndexOf("-"));
    }
    return null;
  }

  function clearProblems(root) {
    root.querySelectorAll(".problem").forEach(function (slot) {
      slot.hidden = true;
      slot.textContent = "";
      slot.classList.remove("problem-warning", "problem-error");
    });
    root.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
    });
    root.querySelectorAll(".has-problem").forEach(function (el) {
      el.classList.remove("has-problem");
    });
  }

  function placeProblems() {
    var summary = byId("summary");
    var root = form() || document.querySelector(".task-form");
    if (!summary || !root) { return; }
    clearProblems(root);
    summary.querySelectorAll("[data-target]").forEach(function (item) {
      var target = targetOf(item.getAttribute("data-target"));
      if (!target || !root.contains(target)) { return; }
      var slot = byId(target.id + "-problem");
      if (!slot) { return; }
      var severity = item.getAttribute("data-severity");
      var line = document.createElement("span");
      line.className = "problem-line";
      var prefix = document.createElement("span");
      prefix.className = "visually-hidden";
      prefix.textContent = severity === "error" ? "Error: " : "Warning: ";
      line.appendChild(prefix);
      line.appendChild(document.createTextNode(item.getAttribute("data-message")));
      slot.appendChild(line);
      slot.hidden = false;
      if (!slot.classList.contains("problem-error")) {
        slot.classList.add(severity === "error" ? "problem-error" : "problem-warning");
      }
      if (severity === "error" && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
        target.setAttribute("aria-invalid", "true");
      }
      var details = target.closest("details");
      while (details) {
        details.classList.add("has-problem");
        details = details.parentElement ? details.parentElement.closest("details") : null;
      }
    });
  }

  function reveal(el) {
    var details = el.closest("details");
    while (details) {
      details.open = true;
      details = details.parentElement ? details.parentElement.closest("details") : null;
    }
  }

  /* Summary links: open the field's group, then go to the field. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".summary-list a[href^='#'], .notice a[href^='#']");
    if (!link) { return; }
    var target = targetOf(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    reveal(target);
    var focusable = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) ? target :
      target.querySelector("input:not([type=hidden]), select, textarea") || target;
    if (focusable === target && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
    target.scrollIntoView({ block: "center" });
    focusable.focus();
  });

  /* List items: numbers, titles, move, remove. */
  function renumber(list) {
    var n = 0;
    Array.prototype.forEach.call(list.children, function (item) {
      if (!item.classList.contains("item")) { return; }
      n += 1;
      item.querySelectorAll(":scope > details > summary .item-n, :scope > details > fieldset > legend .item-n, :scope > .item-controls .item-n, :scope > .item-line .item-n")
        .forEach(function (span) { span.textContent = String(n); });
    });
  }

  function itemTitle(item) {
    var list = item.parentElement.closest(".listing");
    var marker = item.querySelector("input[type=hidden][name^='@']");
    if (!marker) { return; }
    var base = marker.name.slice(1) + "/" + item.getAttribute("data-key") + "/";
    var title = item.querySelector(":scope > details > summary .item-title");
    if (!title || !list) { return; }
    for (var i = 0; i < TITLE_KEYS.length; i++) {
      var input = item.querySelector("[name='" + base + TITLE_KEYS[i] + "']");
      if (input) { title.textContent = input.value; return; }
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-item-action]");
    if (!button) { return; }
    var item = button.closest("li.item");
    var list = item.parentElement;
    var action = button.getAttribute("data-item-action");
    var noun = list.getAttribute("data-noun") || "item";
    if (action === "up" && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (action === "down" && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    } else if (action === "remove") {
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      renumber(list);
      refreshChoices();
      edited();
      announce("The " + noun + " is removed. Save to keep the change.");
      var focus = next ? next.querySelector("summary, input, textarea, select") :
        list.parentElement.querySelector(".add-item");
      if (focus) { focus.focus(); }
      return;
    } else {
      return;
    }
    renumber(list);
    edited();
    button.focus();
    var number = Array.prototype.indexOf.call(list.children, item) + 1;
    announce("The " + noun + " is now number " + number + ".");
  });

  /* Choices taken from other fields follow them (the current choice is always kept). */
  function refreshChoices() {
    document.querySelectorAll("select[data-choices]").forEach(function (select) {
      var values = [];
      select.getAttribute("data-choices").split(" ").forEach(function (tag) {
        document.querySelectorAll("[data-source='" + tag + "']").forEach(function (input) {
          if (input.value && values.indexOf(input.value) < 0) { values.push(input.value); }
        });
      });
      var current = select.value;
      var keep = [select.options[0]];
      while (select.options.length) { select.remove(0); }
      select.add(keep[0]);
      values.forEach(function (value) { select.add(new Option(value, value)); });
      if (current && values.indexOf(current) < 0) {
        select.add(new Option(current + " (not one of the choices)", current));
      }
      select.value = current;
    });
  }

  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-source")) { refreshChoices(); }
    var item = el.closest && el.closest("li.item");
    if (item) { itemTitle(item); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.type === "checkbox" && event.target.form === form()) { edited(); }
  });

  /* Reading positions in the text editor. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-goto-line]");
    var area = byId("source-text");
    if (!button || !area) { return; }
    var lines = area.value.split("\n");
    var line = Math.max(1, parseInt(button.getAttribute("data-goto-line"), 10)) - 1;
    var start = 0;
    for (var i = 0; i < line && i < lines.length; i++) { start += lines[i].length + 1; }
    var end = start + (lines[line] || "").length;
    area.focus();
    area.setSelectionRange(start, end);
    var height = area.scrollHeight / Math.max(1, lines.length);
    area.scrollTop = Math.max(0, height * line - area.clientHeight / 3);
  });

  /* A save is never cut short by a check, and no check runs while a save does: its
     answer would describe the form the save replaces. */
  var saving = false;

  function isSave(event) {
    return /\/(save|reload)$/.test((event.detail.requestConfig || {}).path || "");
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var path = (event.detail.requestConfig || {}).path || "";
    if (isSave(event)) {
      saving = true;
      if (form()) { htmx.trigger(form(), "htmx:abort"); }
    } else if (saving && /\/(check|preview)$/.test(path)) {
      event.preventDefault();
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (isSave(event)) { saving = false; }
  });

  /* After htmx puts something in the page. */
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target || event.target;
    placeProblems();
    var dirty = byId("dirty-state");
    document.body.classList.toggle("is-dirty", !!dirty && /^Unsaved/.test(dirty.textContent));
    if (target.classList && target.classList.contains("items")) {
      renumber(target);
      var added = target.lastElementChild;
      if (added) {
        var first = added.querySelector("input:not([type=hidden]), select, textarea");
        if (first) { first.focus(); }
        announce("A new " + (target.getAttribute("data-noun") || "item") + " is added at the end.");
      }
      refreshChoices();
    }
    var alert = target.querySelector && target.querySelector("[role=alert]");
    if (alert) { alert.focus(); }
    var saved = byId("saved-message");
    if (target.id === "editor" && saved) { saved.focus(); }
    var carried = byId("carried-notice");
    if (target.id === "editor" && carried) {
      carried.focus();
      edited();  /* the values put back are unsaved edits: check them */
    }
    var ready = target.querySelector && target.querySelector("a[data-auto-download]");
    if (ready) { ready.click(); }
  });

  window.addEventListener("beforeunload", function (event) {
    if (document.body.classList.contains("is-dirty")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    placeProblems();
    var first = document.querySelector("#review, .summary[role=alert]");
    if (first) { first.focus(); }
  });
})();
