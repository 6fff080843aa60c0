// Loaded in <head>, before the page paints and before Blazor starts (the CSP allows scripts from 'self' only, so this
// cannot be inline). It tells the server the browser's time zone and language in a cookie, so every page, prerendered
// or static, shows times the viewer's way; and it applies the chosen theme before the first paint.
(() => {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  const write = (name, value) => {
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; SameSite=Lax${secure}`;
  };
  const cookie = (name) => document.cookie.split("; ").find((c) => c.startsWith(name + "="))?.slice(name.length + 1);
  const read = () => ({
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "",
    culture: navigator.language || "",
  });

  const { timeZone, culture } = read();
  const value = `${timeZone}|${culture}`;
  if (cookie("portal-viewer") !== encodeURIComponent(value)) write("portal-viewer", value);

  const applyTheme = (dark) => { document.documentElement.dataset.theme = dark ? "dark" : "light"; };
  if (cookie("portal-theme") === "dark") applyTheme(true);

  globalThis.portalViewer = {
    read,
    setTheme: (dark) => { write("portal-theme", dark ? "dark" : "light"); applyTheme(dark); },
  };
})();

// The CSV export: fetched here so the page can show progress, then handed to the browser as a download.
globalThis.portalDownload = async (url) => {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) return false;
  const name = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "")?.[1] || "download.csv";
  const href = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
  return true;
};

// A row's menu is drawn on its first press (until then it is only a button, to keep the server's circuit small), so the
// pressed button made way for the menu's own: the focus goes back to it, where the menu's keys (arrows, Escape) work.
globalThis.portalFocusRowMenu = (userId) => {
  document.querySelector(`[data-row-menu="${CSS.escape(userId)}"] button`)?.focus();
};
