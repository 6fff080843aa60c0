// Countdowns tick in the browser: one timer for the whole page, no server round trip per countdown per second.
// The server renders <span data-expires-at="unix ms"></span> (perhaps with its first text) and re-renders it only when
// the expiry changes. A text the server wrote is updated in place (the same text node), so the two never fight.
// The card's countdown ([data-countdown-card]) also moves its bar and switches its "soon" and "expired" looks here.
(() => {
  // The rule of CountdownFormat.cs; CountdownFormatTests runs both on one table.
  const format = (ms) => {
    if (ms <= 0) return "Expired";
    const s = Math.ceil(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const pad = (n) => String(n).padStart(2, "0");
    return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
  };
  // What the card looks like with `left` ms to go: "", "soon" or "expired" (ConnectionCountdown.razor's thresholds).
  const phase = (left, soon) => (left <= 0 ? "expired" : left <= soon ? "soon" : "");
  const announcements = { soon: "The access token expires in less than 15 minutes.", expired: "The access token has expired." };
  globalThis.portalCountdown = { format, phase };

  const write = (el, text) => {
    const node = el.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
      if (node.nodeValue !== text) node.nodeValue = text;
    } else if (el.textContent !== text) el.textContent = text;
  };
  const card = (el, now) => {
    const until = Number(el.dataset.countdownUntil), lifetime = Number(el.dataset.countdownLifetime);
    const left = until - now, next = phase(left, Number(el.dataset.countdownSoon));
    el.classList.toggle("countdown-soon", next === "soon");
    el.classList.toggle("countdown-expired", next === "expired");
    const fill = el.querySelector(".countdown-bar-fill"), bar = el.querySelector(".countdown-bar");
    const percent = lifetime > 0 ? Math.min(100, Math.max(0, (left / lifetime) * 100)) : 0;
    if (fill) fill.style.width = `${percent.toFixed(2)}%`;
    if (bar) bar.setAttribute("aria-valuenow", String(Math.floor(percent)));
    // A screen reader hears a threshold crossed while the page is open, not the phase the page opened in.
    const seen = el.dataset.countdownPhase;
    el.dataset.countdownPhase = `${until}:${next}`;
    const announce = el.querySelector("[data-countdown-announce]");
    if (announce && seen !== undefined && seen.startsWith(`${until}:`) && seen !== `${until}:${next}` && announcements[next])
      announce.textContent = announcements[next];
  };
  const tick = () => {
    const now = Date.now();
    for (const el of document.querySelectorAll("[data-expires-at]")) write(el, format(Number(el.dataset.expiresAt) - now));
    for (const el of document.querySelectorAll("[data-countdown-card]")) card(el, now);
  };
  setInterval(tick, 1000);
  new MutationObserver(tick).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-expires-at", "data-countdown-until"],
  });
  tick();
})();
