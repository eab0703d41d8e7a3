// Keeps a job's progress page up to date without reloading it: every few seconds it fetches
// the page again and copies the status, progress bar and progress text across (the text is in a
// role="status" region, so screen readers announce it). When the work has ended, the page is
// reloaded to show its result or its error. Without JavaScript the page has a Refresh link.
const region = document.querySelector("[data-job-refresh]");

function copyFields(fresh) {
  for (const field of fresh.querySelectorAll("[data-job-field]")) {
    const current = region.querySelector(`[data-job-field="${field.dataset.jobField}"]`);
    if (!current) continue;
    if (field.tagName === "PROGRESS") {
      current.max = field.max;
      if (field.hasAttribute("value")) current.value = field.value;
      else current.removeAttribute("value");
    } else {
      current.className = field.className;
    }
    if (current.textContent !== field.textContent) current.textContent = field.textContent;
  }
}

async function tick(seconds) {
  try {
    const response = await fetch(window.location.href, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-job-progress]");
      if (!fresh || !fresh.hasAttribute("data-job-refresh")) {
        window.location.reload();
        return;
      }
      copyFields(fresh);
    }
  } catch {
    // A network blip: keep the Refresh link and try again at the next tick.
  }
  window.setTimeout(() => tick(seconds), seconds * 1000);
}

if (region) {
  const seconds = Number(region.dataset.jobRefresh) || 2;
  window.setTimeout(() => tick(seconds), seconds * 1000);
}
