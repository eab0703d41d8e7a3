// Reloads a page showing a forecast that is still waiting or running, so its status updates.
// The status text is in a role="status" region, which screen readers announce on reload.
const marker = document.querySelector("[data-delivery-refresh]");
if (marker) {
  const seconds = Number(marker.getAttribute("data-delivery-refresh")) || 3;
  window.setTimeout(() => window.location.reload(), seconds * 1000);
}
