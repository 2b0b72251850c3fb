/* Briefings: small accessibility fixes to Material's markup. */
/* Material's search dialog has no accessible name (axe: aria-dialog-name). */
document.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Search");
});
