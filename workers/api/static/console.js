// varsam console: live receipts and the export download; the pages work without it too.
"use strict";

function poll(el, url, isFinal, every) {
  const tick = async () => {
    try {
      const res = await fetch(url, { credentials: "same-origin" });
      if (res.ok) {
        const html = await res.text();
        el.innerHTML = html;
        if (isFinal(el)) return;
      }
    } catch (e) { /* offline for a moment: try again */ }
    setTimeout(tick, every);
  };
  setTimeout(tick, every);
}

function fragmentOf(selector) {
  return async function (html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const part = doc.querySelector(selector);
    return part ? part.innerHTML : null;
  };
}

document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector("[data-poll]");
  if (status && status.dataset.final !== "true") {
    poll(status, status.dataset.poll, (el) => {
      const state = el.querySelector("[data-state]");
      return !state || state.dataset.state !== "pending";
    }, 1000);
  }

  const requests = document.querySelector("#requests[data-reload]");
  if (requests) {
    const refresh = async () => {
      try {
        const res = await fetch(location.href, { credentials: "same-origin" });
        const html = await fragmentOf("#requests")(await res.text());
        if (html !== null) requests.innerHTML = html;
        if (!requests.querySelector(".state-pending")) return;
      } catch (e) { /* try again */ }
      setTimeout(refresh, 1000 * Number(requests.dataset.reload));
    };
    setTimeout(refresh, 1000 * Number(requests.dataset.reload));
  }

  const exportForm = document.querySelector("#export-form");
  if (exportForm) {
    exportForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const result = document.querySelector("#export-result");
      const since = exportForm.querySelector("#since");
      const url = "/trainer/export?since=" + encodeURIComponent(since.value.trim());
      result.textContent = "Downloading…";
      const res = await fetch(url, { credentials: "same-origin" });
      if (!res.ok) { result.textContent = "Export failed (" + res.status + ")."; return; }
      const blob = await res.blob();
      const cursor = res.headers.get("Varsam-Cursor");
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "varsam-export.ndjson";
      document.body.appendChild(link);
      link.click();
      link.remove();
      const rows = res.headers.get("Varsam-Rows");
      result.textContent = "Downloaded " + rows + (rows === "1" ? " row" : " rows") + ". Next cursor: " + cursor;
      result.dataset.cursor = cursor;
      since.value = cursor;
    });
  }
});
