// Tiny DOM helpers. Everything from a token is attacker-chosen text, so the page
// builds nodes with textContent only, never innerHTML.

export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

// Sets text only when it changed, so live regions do not re-announce on every tick.
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function replaceChildrenIfChanged(node, children) {
  const probe = h("div", {}, ...children);
  if (probe.innerHTML !== node.innerHTML) node.replaceChildren(...probe.childNodes);
}

// Copies text; headless and non-focused pages may refuse the async clipboard, so the
// button then says so instead of pretending.
export async function copyText(text, button) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy refused";
  }
  setTimeout(() => (button.textContent = label), 1200);
}
