// Runs before the page paints (a classic, blocking script) so a chosen theme does not flash.
// Without a stored choice the page follows prefers-color-scheme (see style.css).
try {
  const theme = localStorage.getItem("wasm-jwt-theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // Storage may be disabled; the system theme applies.
}
