// Grid countdowns tick in the browser: one timer for the whole page, no server round trip per row per second.
// The server renders <span data-expires-at="unix ms"></span> and never writes inside it, so the two never fight.
(() => {
  // The rule of CountdownFormat.cs (the card's countdown); CountdownFormatTests runs both on one table.
  const format = (ms) => {
    if (ms <= 0) return "Expired";
    const s = Math.ceil(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const pad = (n) => String(n).padStart(2, "0");
    return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
  };
  globalThis.portalCountdown = { format };
  const tick = () => {
    const now = Date.now();
    for (const el of document.querySelectorAll("[data-expires-at]")) {
      const text = format(Number(el.dataset.expiresAt) - now);
      if (el.textContent !== text) el.textContent = text;
    }
  };
  setInterval(tick, 1000);
  new MutationObserver(tick).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-expires-at"] });
})();
