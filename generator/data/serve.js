// Written by `briefings serve`: the problems of the last edit, shown until they are fixed.
(() => {
  const problems = /* problems */ [];
  if (!problems.length) return;
  const box = document.createElement("div");
  box.className = "bf-serve-problems";
  box.setAttribute("role", "alert");
  box.style.cssText = "background:#b91c1c;color:#fff;padding:.8rem 1.2rem;font:14px/1.5 monospace;white-space:pre-wrap";
  const title = document.createElement("strong");
  title.textContent = "Not regenerated: the preview shows the last good pages. Fix these problems:";
  const list = document.createElement("ul");
  for (const problem of problems) {
    const item = document.createElement("li");
    item.textContent = problem;
    list.append(item);
  }
  box.append(title, list);
  document.body.prepend(box);
})();
