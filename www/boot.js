// Loads the page's code and says so visibly when it cannot run (for example when the
// package in pkg/ was not built), instead of leaving a silent, empty page.
import("./app.js").catch((error) => {
  const message = document.getElementById("load-error");
  message.textContent = `The debugger could not start: ${error.message}. Build the package (npm run build) and reload.`;
  message.hidden = false;
});
