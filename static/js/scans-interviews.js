// Interviews: what the server cannot say about an autosave (no connection, a server error, a lost
// session), and a warning before leaving the page while notes are not saved yet. The recording page
// works without this file: its "Alles opslaan" button posts everything at once.
(function () {
  "use strict";

  function blockOf(element) {
    return element && element.closest ? element.closest("[data-autosave]") : null;
  }

  function formOf(block) {
    return block.closest("[data-autosave-form]");
  }

  // Each block counts its edits; a save answered for the latest edit makes the block clean again.
  function edited(event) {
    var block = blockOf(event.target);
    if (block) {
      block.dataset.edits = String(Number(block.dataset.edits || 0) + 1);
    }
  }

  function isDirty(block) {
    return Number(block.dataset.edits || 0) > Number(block.dataset.saved || 0);
  }

  function report(block, kind) {
    var form = formOf(block);
    var status = block.querySelector("[data-status]");
    if (!form || !status) { return; }
    var text = form.dataset[kind] || form.dataset.msgServer || "";
    var span = document.createElement("span");
    span.className = "answer-error";
    span.setAttribute("data-answer-status", "error");
    span.textContent = "⚠ " + text;
    status.replaceChildren(span);
    block.classList.add("answer-block--error");
  }

  // Capture phase: count the edit before htmx's own listener on the block starts the save, so a
  // save triggered by this very event is counted as covering it.
  document.addEventListener("input", edited, true);
  document.addEventListener("change", edited, true);

  document.addEventListener("htmx:configRequest", function (event) {
    var block = blockOf(event.detail.elt);
    if (block) {
      block.dataset.sending = block.dataset.edits || "0";
      block.classList.add("answer-block--saving");
    }
  });

  // A 200 answer that is not our status partial (a login page after the session expired) is no save.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var block = blockOf(event.detail.elt);
    if (!block) { return; }
    block.classList.remove("answer-block--saving");
    var xhr = event.detail.xhr;
    var answer = xhr && typeof xhr.responseText === "string" ? xhr.responseText : "";
    if (xhr.status >= 400) {
      event.detail.shouldSwap = false;
      report(block, xhr.status === 403 || xhr.status === 404 ? "msgSession" : "msgServer");
    } else if (answer.indexOf("data-answer-status") === -1) {
      event.detail.shouldSwap = false;
      report(block, "msgSession");
    } else if (answer.indexOf('data-answer-status="ok"') !== -1) {
      block.dataset.saved = block.dataset.sending || "0";
      block.classList.remove("answer-block--error");
    } else {
      block.classList.add("answer-block--error");
    }
  });

  // htmx reports refused answers (4xx, 5xx) as responseError after beforeSwap; already reported above.
  document.addEventListener("htmx:responseError", function (event) {
    var block = blockOf(event.detail.elt);
    if (block && !block.querySelector("[data-status] .answer-error")) {
      report(block, "msgServer");
    }
  });

  ["htmx:sendError", "htmx:timeout"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var block = blockOf(event.detail.elt);
      if (block) {
        block.classList.remove("answer-block--saving");
        report(block, "msgNetwork");
      }
    });
  });

  var submitting = false;
  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("[data-autosave-form]")) { submitting = true; }
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting) { return; }
    var dirty = Array.prototype.some.call(document.querySelectorAll("[data-autosave]"), isDirty);
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
